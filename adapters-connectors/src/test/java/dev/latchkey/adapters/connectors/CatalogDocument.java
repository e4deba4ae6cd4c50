package dev.latchkey.adapters.connectors;

import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code CATALOG.md}, written from the connector files: one row per connector, sorted by slug, so the same files
 * always give the same document (a merge that adds files only needs it regenerated). {@link CatalogDocumentTest}
 * fails when the committed document differs, and rewrites it when run with {@code -Dlatchkey.catalog.write=true}.
 */
final class CatalogDocument {
    static final Path CONNECTORS = Path.of("src/main/resources/connectors");
    static final Path DOCUMENT = Path.of("CATALOG.md");
    static final String REGENERATE = "mvn -B -o -pl adapters-connectors -am -Dtest=CatalogDocumentTest -Dlatchkey.catalog.write=true "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false verify";

    private CatalogDocument() {
    }

    /** Every connector file, read as the start-up reads it, sorted by slug. */
    static List<ConnectorDefinition> definitions() {
        ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);
        try (Stream<Path> files = Files.list(CONNECTORS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).map(f -> reader.read(parse(f)))
                    .sorted(Comparator.comparing(d -> d.slug().value())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(List<ConnectorDefinition> definitions) {
        StringBuilder out = new StringBuilder();
        out.append("# Connector catalog\n\n");
        out.append("<!-- Generated from src/main/resources/connectors/*.yaml by CatalogDocumentTest; do not edit by hand. Regenerate:\n");
        out.append("     ").append(REGENERATE).append(" -->\n\n");
        out.append(definitions.size()).append(" connectors. Each file cites the provider's documentation for its endpoints, scopes and ")
                .append("headers; see [CONNECTORS.md](CONNECTORS.md) for the format. Icons are served by Latchkey at ")
                .append("`/connectors/{slug}/icon.svg`.\n\n");
        out.append("| Name | Slug | Categories | Auth | Docs |\n");
        out.append("|---|---|---|---|---|\n");
        for (ConnectorDefinition d : definitions) {
            out.append("| ").append(cell(d.name()))
                    .append(" | `").append(d.slug().value()).append('`')
                    .append(" | ").append(String.join(", ", d.categories()))
                    .append(" | ").append(d.auth().stream().map(AuthMethod::type).collect(Collectors.joining(", ")))
                    .append(" | [docs](").append(d.docsUrl()).append(')')
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
