package dev.latchkey.adapters.connectors;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every connector file shipped with Latchkey, checked as the start-up does, with private networks not allowed. */
class ConnectorContractTest {
    private static final Path CONNECTORS = Path.of("src/main/resources/connectors");

    @Test
    void every_connector_file_is_valid_https_only_named_by_its_slug_and_unique() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(CONNECTORS)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);
        List<String> failures = new ArrayList<>();
        Map<String, Path> slugs = new HashMap<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (!fileName.endsWith(".yaml")) {
                failures.add(fileName + ": connector files are <slug>.yaml");
                continue;
            }
            String expectedSlug = fileName.substring(0, fileName.length() - ".yaml".length());
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object parsed;
            try {
                parsed = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            } catch (RuntimeException e) {
                failures.add(fileName + ": not valid YAML: " + e.getMessage());
                continue;
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                failures.add(fileName + ": must be a map");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) map;
            try {
                ConnectorDefinition definition = reader.read(source);
                if (!definition.slug().value().equals(expectedSlug)) {
                    failures.add(fileName + ": slug '" + definition.slug() + "' must equal the file name '" + expectedSlug + "'");
                }
                Path other = slugs.putIfAbsent(definition.slug().value(), file);
                if (other != null) {
                    failures.add(fileName + ": slug '" + definition.slug() + "' is also defined by " + other.getFileName());
                }
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> failures.add(fileName + ": " + v.field() + ": " + v.message()));
            }
        }

        assertThat(failures).as("invalid connector files:%n%s", String.join("\n", failures)).isEmpty();
        assertThat(slugs).as("connectors in the catalog").hasSizeGreaterThanOrEqualTo(25);
    }
}
