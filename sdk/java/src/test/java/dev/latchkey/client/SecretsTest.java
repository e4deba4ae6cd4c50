package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No secret reaches a log through toString(). */
class SecretsTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void tokens_secrets_and_keys_never_appear_in_to_string() {
        assertThat(Latchkey.builder("https://connect.acme.com", "lk_live_s3cr3t").build().toString()).doesNotContain("s3cr3t");
        assertThat(new SessionToken("eyJ.s3cr3t.sig", AT, "cust-42").toString()).doesNotContain("s3cr3t").contains("cust-42");
        assertThat(new AccessToken("s3cr3t", AT, "Bearer", "c-1", "token-id").toString()).doesNotContain("s3cr3t").contains("c-1");
        assertThat(new Webhook("w-1", "https://acme.com/hooks", List.of("*"), AT, "whsec_s3cr3t").toString()).doesNotContain("s3cr3t");
        assertThat(new ConnectLink(URI.create("https://connect.acme.com/connect/s3cr3t"), AT).toString())
                .doesNotContain("s3cr3t").contains("https://connect.acme.com/connect/");
        assertThat(ConnectorSettings.oauthApp("client-1", "s3cr3t").toString()).doesNotContain("s3cr3t").contains("client-1");
        assertThat(ImportConnectionRequest.keys("stripe", Map.of("api_key", "s3cr3t")).toString()).doesNotContain("s3cr3t");
        assertThat(ImportConnectionRequest.tokens("hubspot", "s3cr3t").refreshToken("s3cr3t").toString()).doesNotContain("s3cr3t");
        assertThat(new WebhookVerifier("whsec_" + java.util.Base64.getEncoder().encodeToString("s3cr3t".getBytes())).toString())
                .doesNotContain("czNjcjN0");
    }

    @Test
    void a_malformed_webhook_secret_is_refused_without_quoting_it() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookVerifier("whsec_s3cr3t!!"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cr3t");
    }
}
