package dev.latchkey.adapters.connectors.jwtbearer;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.latchkey.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Google's JSON key file (https://cloud.google.com/iam/docs/keys-create-delete), pasted whole. */
class JwtBearerGoogleKeyFileTest {
    private static final KeyPair KEYS = TestKeys.rsa();

    private static String keyFile(Map<String, Object> overrides) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", "project");
        file.put("private_key_id", "abc123");
        file.put("private_key", TestKeys.pkcs8(KEYS));
        file.put("client_email", "robot@project.iam.gserviceaccount.com");
        file.put("client_id", "1234567890");
        file.put("token_uri", "https://oauth2.googleapis.com/token");
        file.putAll(overrides);
        return JSONObjectUtils.toJSONString(file);
    }

    @Test
    void the_issuer_key_and_key_id_come_from_the_file() {
        GoogleServiceAccountKey key = GoogleServiceAccountKey.parse(keyFile(Map.of()), "service_account_key");

        assertThat(key.clientEmail()).isEqualTo("robot@project.iam.gserviceaccount.com");
        assertThat(key.privateKeyId()).contains("abc123");
        assertThat(key.privateKey().getModulus()).isEqualTo(((RSAPublicKey) KEYS.getPublic()).getModulus());
        assertThat(key.toString()).doesNotContain("abc123").doesNotContain(TestKeys.pkcs8(KEYS).split("\n")[1]);
    }

    @Test
    void anything_but_a_service_account_key_file_is_refused_naming_the_field_without_echoing_it() {
        for (String bad : List.of("hunter2", keyFile(Map.of("type", "authorized_user")), keyFile(Map.of("client_email", "")),
                keyFile(Map.of("private_key", "hunter2")))) {
            assertThatThrownBy(() -> GoogleServiceAccountKey.parse(bad, "service_account_key"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("service_account_key"));
                        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain(TestKeys.pkcs8(KEYS).split("\n")[1]);
                    });
        }
    }
}
