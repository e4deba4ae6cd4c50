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

    /**
     * The categories the shipped catalog uses, so a filter over them stays meaningful (a workspace's private connector
     * may use any lowercase word). Add a word here, and to CONNECTORS.md, when no existing one fits.
     */
    static final java.util.Set<String> CATEGORIES = java.util.Set.of("accounting", "ai", "analytics", "billing", "calendar", "chat",
            "ci", "cloud", "communication", "crm", "customer-data", "databases", "design", "developer", "documents", "e-signature",
            "ecommerce", "email", "expenses", "files", "finance", "forms", "git", "hosting", "hr", "issues", "marketing", "meetings",
            "messaging", "monitoring", "payments", "payroll", "productivity", "projects", "recruiting", "sales", "scheduling", "shipping", "sms",
            "spreadsheets", "storage", "support", "surveys", "tasks", "telephony", "ticketing", "time-tracking", "video");

    @Test
    void shipped_connectors_use_the_catalog_categories_and_hot_link_no_icon() {
        List<String> failures = new ArrayList<>();
        for (ConnectorDefinition definition : CatalogDocument.definitions()) {
            String slug = definition.slug().value();
            definition.categories().stream().filter(c -> !CATEGORIES.contains(c))
                    .forEach(c -> failures.add(slug + ".yaml: category '" + c + "' is not one of " + new java.util.TreeSet<>(CATEGORIES)));
            definition.iconUrl().ifPresent(url -> failures.add(slug + ".yaml: icon_url " + url + " would be hot-linked; "
                    + "shipped files name no icon_url: Latchkey serves /connectors/" + slug + "/icon.svg"));
        }

        assertThat(failures).as("connector files:%n%s", String.join("\n", failures)).isEmpty();
    }

    @Test
    void connector_files_ship_default_config_fields_whose_options_come_from_their_own_api() throws IOException {
        ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);
        Map<String, ConnectorDefinition> read = new HashMap<>();
        for (String slug : List.of("slack", "hubspot", "github")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(CONNECTORS.resolve(slug + ".yaml")));
            read.put(slug, reader.read(source));
        }

        assertThat(read.get("slack").configFields().field("channel")).hasValueSatisfying(f -> {
            assertThat(f.kind()).isInstanceOfSatisfying(dev.latchkey.domain.config.FieldKind.Select.class, s -> {
                assertThat(s.optionsFrom()).hasValueSatisfying(o -> {
                    assertThat(o.pathOnly()).isEqualTo("/conversations.list");
                    assertThat(o.next()).contains("/response_metadata/next_cursor");
                    assertThat(o.cursorParam()).contains("cursor");
                });
            });
        });
        assertThat(read.get("hubspot").configFields().fields()).extracting(f -> f.key()).containsExactly("pipeline", "include_archived");
        assertThat(read.get("github").configFields().field("repositories")).get().extracting(f -> f.kind().type()).isEqualTo("multi_select");
    }

    @Test
    void a_malformed_config_field_in_a_connector_file_is_named_by_its_path() {
        Map<String, Object> source = new HashMap<>(Map.of("slug", "acme", "name", "Acme", "categories", List.of("crm"),
                "icon_url", "https://acme.example/i.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", "https://api.acme.example"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "name", "X-Api-Key"))));
        source.put("config_fields", List.of(Map.of("key", "pick", "label", "Pick", "type", "select",
                "options_from", Map.of("path", "//evil.example/x", "items", "/items", "label", "/name", "value", "/id"))));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConnectorDefinitionReader(false).read(source))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
                        .containsExactly("config_fields[0].options_from.path"));
    }
}
