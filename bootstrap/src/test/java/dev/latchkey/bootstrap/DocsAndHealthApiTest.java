package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What anyone may read without a key: the health check and the API's documentation. */
@MicronautTest(transactional = false)
class DocsAndHealthApiTest extends ApiTest {

    /** Redirects are not followed, so the test sees what /docs answers. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @Test
    void health_is_public_and_says_up() {
        Reply health = get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("status")).isEqualTo("UP");
    }

    @Test
    void health_shows_no_details_even_to_an_api_key() {
        Reply health = get("/health", newWorkspaceKey());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("details")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_openapi_document_is_public_yaml_and_documents_the_v1_api() {
        Reply spec = get("/openapi.yml", null);

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.contentType()).hasValueSatisfying(type -> assertThat(type).contains("yaml"));
        Map<String, Object> document = new Yaml().load(spec.text());
        assertThat((String) document.get("openapi")).startsWith("3.");
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        assertThat(paths).containsKeys("/v1/linked-accounts", "/v1/linked-accounts/{id}", "/v1/session-tokens",
                "/v1/session-tokens/revoke", "/v1/session");
        assertThat((Map<String, Object>) paths.get("/v1/session-tokens")).containsKey("post");
        assertThat((Map<String, Object>) paths.get("/v1/session")).containsKey("get");
        assertThat(paths).doesNotContainKeys("/openapi.yml", "/docs");
    }

    @Test
    void docs_redirects_to_the_swagger_ui_which_is_served_publicly() {
        Reply docs = get("/docs", null);

        assertThat(docs.status()).isBetween(301, 308);
        String location = docs.headers().get("Location");
        assertThat(location).isEqualTo("/swagger-ui/index.html");

        Reply ui = get(location, null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(ui.text()).contains("swagger-ui").contains("/swagger/openapi.yml");
    }

    @Test
    void the_document_and_the_scripts_the_swagger_ui_loads_are_public() {
        assertThat(get("/swagger/openapi.yml", null).status()).isEqualTo(200);
        assertThat(get("/swagger-ui/res/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        assertThat(get("/swagger-ui/res/swagger-ui.css", null).status()).isEqualTo(200);
    }
}
