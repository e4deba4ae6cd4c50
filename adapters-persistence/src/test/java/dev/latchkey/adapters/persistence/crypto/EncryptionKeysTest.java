package dev.latchkey.adapters.persistence.crypto;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class EncryptionKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void the_first_key_encrypts_and_every_key_is_found_by_its_id() {
        EncryptionKeys keys = EncryptionKeys.of(" k2:" + key(32) + " , k1:" + key(32));
        assertThat(keys.current().id()).isEqualTo("k2");
        assertThat(keys.isCurrent("k2")).isTrue();
        assertThat(keys.isCurrent("k1")).isFalse();
        assertThat(keys.find("k1")).isPresent();
        assertThat(keys.find("k3")).isEmpty();
        assertThat(keys.toString()).contains("k1", "k2");
    }

    @Test
    void a_generated_entry_is_a_valid_configuration() {
        String entry = EncryptionKeys.generateEntry("2026-04_a", RANDOM);
        assertThat(EncryptionKeys.of(entry).current().id()).isEqualTo("2026-04_a");
    }

    @Test
    void an_empty_value_says_what_to_give() {
        assertThatThrownBy(() -> EncryptionKeys.of("  ")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("latchkey.encryption-keys").hasMessageContaining("id:base64key");
    }

    @Test
    void a_key_of_the_wrong_length_is_refused_without_printing_it() {
        String shortKey = key(16);
        assertThatThrownBy(() -> EncryptionKeys.of("k1:" + key(32) + ",k2:" + shortKey))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("entry 2 of 2").hasMessageContaining("'k2'").hasMessageContaining("16 bytes")
                .message().doesNotContain(shortKey);
    }

    @Test
    void a_key_that_is_not_base64_is_refused_without_printing_it() {
        String notBase64 = "this-is-my-secret-key!!";
        assertThatThrownBy(() -> EncryptionKeys.of("k1:" + notBase64))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not valid base64")
                .message().doesNotContain("secret").doesNotContain("!!");
    }

    @Test
    void an_entry_without_an_id_is_refused_without_printing_it() {
        String bare = key(32);
        assertThatThrownBy(() -> EncryptionKeys.of(bare)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no ':'").message().doesNotContain(bare);
        String withBadId = "bad id!:" + key(32);
        assertThatThrownBy(() -> EncryptionKeys.of(withBadId)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("id").message().doesNotContain("bad id!");
    }

    @Test
    void an_id_given_twice_is_refused() {
        assertThatThrownBy(() -> EncryptionKeys.of("k1:" + key(32) + ",k1:" + key(32)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'k1' is given twice");
    }

    @Test
    void a_malformed_value_stops_the_start_of_the_application_without_printing_the_key() {
        String shortKey = key(31);
        Throwable failure = catchThrowable(() -> {
            // Nothing asks for the keys: the start itself must fail.
            ApplicationContext.run(Map.of(EncryptionKeys.PROPERTY, "k1:" + shortKey)).close();
        });
        assertThat(failure).isNotNull().hasRootCauseInstanceOf(ConfigurationException.class)
                .rootCause().hasMessageContaining("31 bytes");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(shortKey);
    }

    @Test
    void without_the_property_there_are_no_keys_and_nothing_fails_at_start() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.containsBean(EncryptionKeys.class)).isFalse();
        }
    }

    @Test
    void a_stray_comma_is_refused() {
        assertThatThrownBy(() -> EncryptionKeys.of("k1:" + key(32) + ","))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("entry 2 of 2 is empty");
    }
}
