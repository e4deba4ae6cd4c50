package dev.latchkey.domain.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeySecretTest {

    private static final String BODY_43 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    private static final String TEST_KEY = "lk_test_" + BODY_43;
    /** SHA-256 of {@link #TEST_KEY}, computed outside Java ({@code printf %s KEY | sha256sum}). */
    private static final String TEST_KEY_SHA256 = "5eeb0dbba47ad06583227d20fcd58607e4371fc95a53bb9b36d9fc33aa3366a4";
    private static final String LIVE_KEY_SHA256 = "c519cccccb7b09295d0cf6979fcb1311f37853bd26ab0958007a987a07f584ac";

    /** Fills every requested byte with the same value, so a test knows exactly what was drawn. */
    private static final class FixedRandom extends SecureRandom {
        private final byte fill;
        private int bytesDrawn;

        FixedRandom(int fill) {
            this.fill = (byte) fill;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, fill);
            bytesDrawn += bytes.length;
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void generate_starts_with_the_prefix_of_the_environment(Environment environment) {
        ApiKeySecret secret = ApiKeySecret.generate(environment, new SecureRandom());

        assertThat(secret.reveal()).startsWith(environment.keyPrefix());
        assertThat(secret.environment()).isEqualTo(environment);
    }

    @Test
    void generate_uses_test_and_live_prefixes_literally() {
        assertThat(ApiKeySecret.generate(Environment.TEST, new SecureRandom()).reveal()).startsWith("lk_test_");
        assertThat(ApiKeySecret.generate(Environment.LIVE, new SecureRandom()).reveal()).startsWith("lk_live_");
    }

    @Test
    void generate_draws_256_random_bits_and_encodes_all_of_them() {
        FixedRandom random = new FixedRandom(0x5A);

        ApiKeySecret secret = ApiKeySecret.generate(Environment.TEST, random);

        assertThat(random.bytesDrawn).isGreaterThanOrEqualTo(32);
        String body = secret.reveal().substring("lk_test_".length());
        assertThat(body).matches("[A-Za-z0-9_-]+");
        byte[] decoded = Base64.getUrlDecoder().decode(body);
        assertThat(decoded.length * 8).isGreaterThanOrEqualTo(256);
        byte[] expected = new byte[decoded.length];
        Arrays.fill(expected, (byte) 0x5A);
        assertThat(decoded).isEqualTo(expected);
    }

    @Test
    void generated_keys_differ_from_each_other() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(ApiKeySecret.generate(Environment.LIVE, random).reveal());
        }

        assertThat(seen).hasSize(50);
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void parse_accepts_a_generated_key(Environment environment) {
        ApiKeySecret generated = ApiKeySecret.generate(environment, new SecureRandom());

        ApiKeySecret parsed = ApiKeySecret.parse(generated.reveal());

        assertThat(parsed).isEqualTo(generated);
        assertThat(parsed.hash()).isEqualTo(generated.hash());
        assertThat(parsed.environment()).isEqualTo(environment);
    }

    @Test
    void parse_accepts_exactly_43_and_up_to_128_base64url_characters() {
        assertThat(ApiKeySecret.parse(TEST_KEY).reveal()).isEqualTo(TEST_KEY);
        String body128 = (BODY_43 + BODY_43 + BODY_43).substring(0, 128);
        assertThat(ApiKeySecret.parse("lk_live_" + body128).environment()).isEqualTo(Environment.LIVE);
    }

    @Test
    void parse_refuses_a_hand_made_key_with_few_distinct_characters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeySecret.parse("lk_test_" + "a".repeat(43)))
                .withMessageContaining("distinct");
    }

    @Test
    void parse_refuses_a_key_with_fewer_than_256_bits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeySecret.parse("lk_test_" + BODY_43.substring(1)))
                .withMessageContaining("at least 43");
    }

    @Test
    void parse_refuses_more_than_128_characters_after_the_prefix() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeySecret.parse("lk_test_" + "a".repeat(129)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "lk_test_",
            "lk_test_short",
            "lk_prod_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "LK_TEST_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "sk_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "lk_testabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            " lk_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "lk_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ ",
            "lk_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP=",
            "lk_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN+/Q",
            "lk_test_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPé"
    })
    void parse_refuses_weak_short_or_wrongly_prefixed_keys(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeySecret.parse(text))
                .withMessageContaining("lk_test_ or lk_live_");
    }

    @Test
    void the_refusal_message_does_not_echo_the_presented_key() {
        String almostKey = "lk_test_" + "secretpart".repeat(2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeySecret.parse(almostKey))
                .withMessageNotContaining("secretpart");
    }

    @Test
    void to_string_never_contains_the_secret() {
        ApiKeySecret secret = ApiKeySecret.generate(Environment.LIVE, new SecureRandom());
        String body = secret.reveal().substring("lk_live_".length());

        assertThat(secret.toString())
                .doesNotContain(secret.reveal())
                .doesNotContain(body)
                .doesNotContain(body.substring(4, 12))
                .startsWith("ApiKeySecret[");
    }

    @Test
    void hint_shows_the_prefix_and_four_characters_only() {
        ApiKeySecret secret = ApiKeySecret.parse(TEST_KEY);

        assertThat(secret.hint()).isEqualTo("lk_test_abcd…");
        assertThat(secret.toString()).isEqualTo("ApiKeySecret[lk_test_abcd…]");
    }

    @Test
    void hash_is_the_sha256_hex_of_the_key() {
        assertThat(ApiKeySecret.parse(TEST_KEY).hash()).isEqualTo(TEST_KEY_SHA256);
        assertThat(ApiKeySecret.parse("lk_live_" + BODY_43).hash()).isEqualTo(LIVE_KEY_SHA256);
    }

    @Test
    void hash_is_stable_across_calls_and_instances() {
        ApiKeySecret secret = ApiKeySecret.generate(Environment.TEST, new SecureRandom());

        assertThat(secret.hash())
                .isEqualTo(secret.hash())
                .isEqualTo(ApiKeySecret.parse(secret.reveal()).hash())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void hash_differs_per_key() {
        SecureRandom random = new SecureRandom();
        ApiKeySecret one = ApiKeySecret.generate(Environment.TEST, random);
        ApiKeySecret other = ApiKeySecret.generate(Environment.TEST, random);

        assertThat(one.hash()).isNotEqualTo(other.hash());
        assertThat(ApiKeySecret.parse(TEST_KEY).hash()).isNotEqualTo(ApiKeySecret.parse("lk_live_" + BODY_43).hash());
    }

    @Test
    void hash_does_not_contain_the_key() {
        ApiKeySecret secret = ApiKeySecret.parse(TEST_KEY);

        assertThat(secret.hash()).doesNotContain(BODY_43.toLowerCase().substring(0, 8));
    }

    @Test
    void secrets_are_equal_by_value() {
        assertThat(ApiKeySecret.parse(TEST_KEY))
                .isEqualTo(ApiKeySecret.parse(TEST_KEY))
                .hasSameHashCodeAs(ApiKeySecret.parse(TEST_KEY))
                .isNotEqualTo(ApiKeySecret.parse("lk_live_" + BODY_43))
                .isNotEqualTo(TEST_KEY);
    }

    @Test
    void looks_like_api_key_tells_keys_from_other_credentials_by_their_prefix() {
        assertThat(ApiKeySecret.looksLikeApiKey("lk_test_anything")).isTrue();
        assertThat(ApiKeySecret.looksLikeApiKey("lk_live_x")).isTrue();
        assertThat(ApiKeySecret.looksLikeApiKey("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isFalse();
        assertThat(ApiKeySecret.looksLikeApiKey("lk_other_x")).isFalse();
        assertThat(ApiKeySecret.looksLikeApiKey("")).isFalse();
        assertThat(ApiKeySecret.looksLikeApiKey(null)).isFalse();
    }

    @Test
    void a_presented_key_is_checked_for_its_shape_only_and_hashes_like_the_parsed_one() {
        String weak = "lk_test_" + "a".repeat(43);

        assertThat(ApiKeySecret.presented(TEST_KEY)).hasValueSatisfying(secret -> assertThat(secret.hash()).isEqualTo(TEST_KEY_SHA256));
        assertThat(ApiKeySecret.presented(weak)).isPresent();
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeySecret.parse(weak));
        assertThat(ApiKeySecret.presented("lk_test_short")).isEmpty();
        assertThat(ApiKeySecret.presented("Bearer " + TEST_KEY)).isEmpty();
        assertThat(ApiKeySecret.presented(null)).isEmpty();
    }
}
