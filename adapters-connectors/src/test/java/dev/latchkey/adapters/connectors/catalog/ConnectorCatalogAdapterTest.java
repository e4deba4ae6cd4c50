package dev.latchkey.adapters.connectors.catalog;

import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorCatalogAdapterTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static String apiKeyConnector(String slug, String tokenUrlOrBase) {
        return """
                slug: %s
                name: Acme %s
                categories: [crm]
                icon_url: https://acme.example/icon.png
                docs_url: https://acme.example/docs
                api:
                  base_url: %s
                auth:
                  - type: api_key
                    fields:
                      - name: api_key
                        label: API key
                        secret: true
                    placement: header
                    name: Authorization
                    format: "Bearer {api_key}"
                """.formatted(slug, slug, tokenUrlOrBase);
    }

    @TempDir
    Path dir;

    @Test
    void loads_every_built_in_connector_sorted_by_slug() {
        ConnectorCatalogAdapter catalog = new ConnectorCatalogAdapter(JSON, false, Optional.empty());

        List<String> slugs = catalog.all().stream().map(d -> d.slug().value()).toList();
        assertThat(slugs).hasSizeGreaterThanOrEqualTo(25).isSorted().contains("github", "github-app", "slack", "stripe");
        assertThat(catalog.find(new ConnectorSlug("slack"))).get().extracting(ConnectorDefinition::name).isEqualTo("Slack");
        assertThat(catalog.find(new ConnectorSlug("no-such"))).isEmpty();
    }

    @Test
    void a_file_in_the_connectors_dir_is_added_to_the_catalog() throws IOException {
        Files.writeString(dir.resolve("acme-crm.yaml"), apiKeyConnector("acme-crm", "https://api.acme.example/v1"));
        Files.writeString(dir.resolve("acme-json.json"), """
                {"slug": "acme-json", "name": "Acme JSON", "categories": ["crm"],
                 "icon_url": "https://acme.example/i.png", "docs_url": "https://acme.example/docs",
                 "api": {"base_url": "https://api.acme.example"},
                 "auth": [{"type": "api_key", "fields": [{"name": "api_key", "label": "Key", "secret": true}],
                           "name": "X-Api-Key"}]}
                """);
        Files.writeString(dir.resolve("README.txt"), "not a connector");

        ConnectorCatalogAdapter catalog = new ConnectorCatalogAdapter(JSON, false, Optional.of(dir));

        assertThat(catalog.find(new ConnectorSlug("acme-crm"))).isPresent();
        assertThat(catalog.find(new ConnectorSlug("acme-json"))).isPresent();
        assertThat(catalog.find(new ConnectorSlug("github"))).isPresent();
        assertThat(catalog.all().stream().map(d -> d.slug().value()).toList()).isSorted();
    }

    @Test
    void only_the_files_shipped_on_the_classpath_are_built_in_not_those_of_the_connectors_dir() throws IOException {
        Files.writeString(dir.resolve("acme-crm.yaml"), apiKeyConnector("acme-crm", "https://api.acme.example/v1"));

        ConnectorCatalogAdapter catalog = new ConnectorCatalogAdapter(JSON, false, Optional.of(dir));

        assertThat(catalog.builtIn(new ConnectorSlug("acme-crm"))).isFalse();
        assertThat(catalog.builtIn(new ConnectorSlug("github"))).isTrue();
        assertThat(catalog.builtIn(new ConnectorSlug("no-such"))).isFalse();
    }

    @Test
    void a_bad_file_stops_loading_naming_the_file_and_every_field_at_once() throws IOException {
        Files.writeString(dir.resolve("bad-one.yaml"), apiKeyConnector("bad-one", "http://api.acme.example")
                .replace("    name: Authorization\n", ""));
        Files.writeString(dir.resolve("bad-two.yaml"), "slug: bad-two\nname: [not, a, string\n");

        assertThatThrownBy(() -> new ConnectorCatalogAdapter(JSON, false, Optional.of(dir)))
                .isInstanceOf(InvalidConnectorsException.class)
                .hasMessageContaining("bad-one.yaml: api.base_url: must be an https:// URL")
                .hasMessageContaining("bad-one.yaml: auth[0].name: is required")
                .hasMessageContaining("bad-two.yaml: definition: is not valid YAML")
                .satisfies(e -> assertThat(((InvalidConnectorsException) e).problems()).hasSize(3));
    }

    @Test
    void http_endpoints_pass_when_private_networks_are_allowed() throws IOException {
        Files.writeString(dir.resolve("local-dev.yaml"), apiKeyConnector("local-dev", "http://localhost:8080"));

        assertThat(new ConnectorCatalogAdapter(JSON, true, Optional.of(dir)).find(new ConnectorSlug("local-dev"))).isPresent();
    }

    @Test
    void a_slug_other_than_the_file_name_is_refused() throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), apiKeyConnector("acme-crm", "https://api.acme.example"));

        assertThatThrownBy(() -> new ConnectorCatalogAdapter(JSON, false, Optional.of(dir)))
                .isInstanceOf(InvalidConnectorsException.class)
                .hasMessageContaining("acme.yaml: slug: must equal the file name 'acme' (got 'acme-crm')");
    }

    @Test
    void a_slug_defined_twice_is_refused() throws IOException {
        Files.writeString(dir.resolve("stripe.yaml"), apiKeyConnector("stripe", "https://api.stripe.com"));

        assertThatThrownBy(() -> new ConnectorCatalogAdapter(JSON, false, Optional.of(dir)))
                .isInstanceOf(InvalidConnectorsException.class)
                .hasMessageContaining(dir.toRealPath().resolve("stripe.yaml") + ": slug: 'stripe' is already defined by ")
                .hasMessageContaining("connectors/stripe.yaml");
    }

    @Test
    void a_connectors_dir_that_does_not_exist_stops_the_start() {
        assertThatThrownBy(() -> new ConnectorCatalogAdapter(JSON, false, Optional.of(dir.resolve("missing"))))
                .hasMessageContaining("is not a directory");
    }

    @Test
    void connectors_are_found_inside_a_jar() throws IOException {
        Path jar = dir.resolve("connectors-in.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("connectors/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("connectors/acme-crm.yaml"));
            out.write(apiKeyConnector("acme-crm", "https://api.acme.example").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("connectors/nested/ignored.yaml"));
            out.write("not: read".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ConnectorCatalogAdapter catalog = ConnectorCatalogAdapter.of(JSON, false, loader, Optional.empty());

            assertThat(catalog.all()).extracting(d -> d.slug().value()).containsExactly("acme-crm");
        }
    }

    @Test
    void connectors_of_a_jar_without_directory_entries_are_found_through_the_code_source() throws IOException {
        Path jar = dir.resolve("shaded.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("connectors/acme-crm.yaml"));
            out.write(apiKeyConnector("acme-crm", "https://api.acme.example").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        List<ConnectorFile> files = ConnectorFiles.onClasspath(new URLClassLoader(new URL[0], null), "connectors",
                Optional.of(jar.toUri().toURL()));

        assertThat(files).extracting(ConnectorFile::fileName).containsExactly("acme-crm.yaml");
        assertThat(files.get(0).location()).endsWith("shaded.jar!/connectors/acme-crm.yaml");
    }
}
