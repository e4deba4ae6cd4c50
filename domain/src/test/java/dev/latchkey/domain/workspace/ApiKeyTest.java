package dev.latchkey.domain.workspace;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void of_stores_the_hash_and_hint_but_never_the_plaintext() {
        WorkspaceId workspace = WorkspaceId.random();
        ApiKeySecret secret = ApiKeySecret.generate(Environment.LIVE, new SecureRandom());

        ApiKey key = ApiKey.of(workspace, secret, NOW);

        assertThat(key.workspaceId()).isEqualTo(workspace);
        assertThat(key.hash()).isEqualTo(secret.hash());
        assertThat(key.hint()).isEqualTo(secret.hint());
        assertThat(key.createdAt()).isEqualTo(NOW);
        assertThat(key.toString()).doesNotContain(secret.reveal());
    }

    @Test
    void each_stored_key_gets_its_own_id() {
        ApiKeySecret secret = ApiKeySecret.generate(Environment.TEST, new SecureRandom());
        WorkspaceId workspace = WorkspaceId.random();

        assertThat(ApiKey.of(workspace, secret, NOW).id()).isNotEqualTo(ApiKey.of(workspace, secret, NOW).id());
    }

    @Test
    void a_hash_that_is_not_sha256_hex_is_refused() {
        WorkspaceId workspace = WorkspaceId.random();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ApiKey(ApiKeyId.random(), workspace, "lk_test_plaintext", "lk_test_plai…", NOW));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ApiKey(ApiKeyId.random(), workspace, "A".repeat(64), "h", NOW));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ApiKey(ApiKeyId.random(), workspace, "a".repeat(63), "h", NOW));
    }
}
