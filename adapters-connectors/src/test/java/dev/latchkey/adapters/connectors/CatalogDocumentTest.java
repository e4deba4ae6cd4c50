package dev.latchkey.adapters.connectors;

import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CATALOG.md is the catalog as the files say it is: regenerated, not edited. */
class CatalogDocumentTest {

    @Test
    void catalog_md_is_up_to_date_with_the_connector_files() throws IOException {
        String expected = CatalogDocument.render(CatalogDocument.definitions());
        if (Boolean.getBoolean("latchkey.catalog.write")) {
            Files.writeString(CatalogDocument.DOCUMENT, expected);
        }
        String committed = Files.exists(CatalogDocument.DOCUMENT) ? Files.readString(CatalogDocument.DOCUMENT) : "";

        assertThat(committed)
                .as("adapters-connectors/CATALOG.md is out of date with the connector files; regenerate it from the repository root "
                        + "with:%n  %s", CatalogDocument.REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void the_document_lists_connectors_sorted_by_slug_with_their_auth_types_and_docs() {
        ConnectorDefinition zulu = definition("zulu", "Zulu | Chat", List.of("chat"), "https://zulu.example/docs");
        ConnectorDefinition alpha = definition("alpha", "Alpha", List.of("crm", "sales"), "https://alpha.example/docs");

        String document = CatalogDocument.render(List.of(alpha, zulu));

        assertThat(document).contains("2 connectors.");
        assertThat(document).containsSubsequence(
                "| Alpha | `alpha` | crm, sales | api_key | [docs](https://alpha.example/docs) |",
                "| Zulu \\| Chat | `zulu` | chat | api_key | [docs](https://zulu.example/docs) |");
        assertThat(document).contains(CatalogDocument.REGENERATE);
    }

    @Test
    void the_document_does_not_depend_on_the_order_files_are_listed_in() {
        List<ConnectorDefinition> definitions = CatalogDocument.definitions();

        assertThat(definitions).extracting(d -> d.slug().value()).isSorted();
        assertThat(definitions).extracting(d -> d.auth().stream().map(AuthMethod::type).toList()).allSatisfy(types -> assertThat(types).isNotEmpty());
    }

    private static ConnectorDefinition definition(String slug, String name, List<String> categories, String docs) {
        return new ConnectorDefinitionReader(false).read(Map.of("slug", slug, "name", name, "categories", categories, "docs_url", docs,
                "api", Map.of("base_url", "https://api." + slug + ".example"),
                "auth", List.of(Map.of("type", "api_key", "name", "X-Api-Key",
                        "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true))))));
    }
}
