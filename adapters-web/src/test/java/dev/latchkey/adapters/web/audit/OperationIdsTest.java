package dev.latchkey.adapters.web.audit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OperationIdsTest {
    private static OperationIds read(String yaml) throws IOException {
        return OperationIds.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void operation_ids_are_found_by_method_and_path_template_and_a_query_template_is_ignored() throws IOException {
        OperationIds ids = read("""
                openapi: 3.0.1
                paths:
                  /v1/webhooks/{id}:
                    delete:
                      tags:
                      - Webhooks
                      operationId: deleteWebhook
                  /v1/apps/{slug}/config:
                    put:
                      operationId: "saveAppConfig"
                    delete:
                      summary: no id here
                components:
                  schemas:
                    Thing:
                      post:
                        operationId: notAnOperation
                """);

        assertThat(ids.of("DELETE", "/v1/webhooks/{id}")).contains("deleteWebhook");
        assertThat(ids.of("PUT", "/v1/apps/{slug}/config{?config_id}")).contains("saveAppConfig");
        assertThat(ids.of("DELETE", "/v1/apps/{slug}/config")).isEmpty();
        assertThat(ids.of("GET", "/v1/webhooks/{id}")).isEmpty();
    }

    @Test
    void the_generated_document_names_the_api_s_changes() {
        OperationIds ids = OperationIds.load(getClass().getClassLoader());

        assertThat(ids.of("POST", "/v1/linked-accounts")).contains("createLinkedAccount");
        assertThat(ids.of("POST", "/admin/v1/workspaces/{id}/api-keys")).contains("createApiKey");
    }
}
