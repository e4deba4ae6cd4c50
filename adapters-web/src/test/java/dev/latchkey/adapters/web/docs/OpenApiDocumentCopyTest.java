package dev.latchkey.adapters.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The SDK's npm build (which runs before Maven in scripts/test) checks its types against
 * sdk/openapi.yml, a committed copy of the document this module generates at compile time. This
 * test makes the copy as binding as the original: a server change that is not copied fails here,
 * and once copied, the SDK's type check sees it.
 */
class OpenApiDocumentCopyTest {

    private static final Path SDK_COPY = Path.of("..", "sdk", "openapi.yml");

    @Test
    void the_sdk_checks_its_types_against_the_document_the_server_generates() throws IOException {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/openapi.yml")) {
            assertThat(in).as("the document micronaut-openapi generates when adapters-web compiles").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String copy = Files.readString(SDK_COPY, StandardCharsets.UTF_8);
        assertThat(copy)
                .as("sdk/openapi.yml is stale; refresh it with: cp adapters-web/target/classes/META-INF/swagger/openapi.yml"
                        + " sdk/openapi.yml, then run (cd sdk && npm run check) and fix the SDK's types if they no longer agree")
                .isEqualTo(generated);
    }
}
