package dev.latchkey.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MetadataTest {

    /** A JSON object {"k":"<filler>"} of exactly {@code bytes} UTF-8 bytes, padded with {@code filler}. */
    private static String objectOfBytes(int bytes, String filler) {
        String frame = "{\"k\":\"\"}";
        int fillerBytes = filler.getBytes(StandardCharsets.UTF_8).length;
        int room = bytes - frame.length();
        if (room % fillerBytes != 0) {
            throw new IllegalArgumentException("cannot reach " + bytes + " bytes with this filler");
        }
        String json = "{\"k\":\"" + filler.repeat(room / fillerBytes) + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return json;
    }

    @Test
    void empty_is_the_empty_object() {
        assertThat(Metadata.EMPTY.json()).isEqualTo("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"plan\": \"pro\"}", "{\"nested\":{\"a\":[1,2,3]},\"ok\":true}"})
    void a_json_object_is_kept_as_its_text(String json) {
        assertThat(new Metadata(json).json()).isEqualTo(json);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"[]", "[{}]", "\"{}\"", "42", "null", "true", "{", "}", "{\"a\":1", "\"a\":1}", " {}", "{} ", "plan=pro"})
    void anything_that_does_not_look_like_a_json_object_is_refused(String json) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Metadata(json))
                .withMessageContaining("must be a JSON object");
    }

    @Test
    void exactly_16_kib_is_accepted() {
        String json = objectOfBytes(16 * 1024, "a");

        assertThat(new Metadata(json).json()).isEqualTo(json);
    }

    @Test
    void one_byte_over_16_kib_is_refused_with_the_size_in_the_message() {
        String json = objectOfBytes(16 * 1024 + 1, "a");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Metadata(json))
                .withMessageContaining("at most 16384 bytes")
                .withMessageContaining("got 16385");
    }

    @Test
    void multi_byte_characters_count_as_their_utf8_bytes() {
        // 'é' is one char but two UTF-8 bytes: about 8 Ki chars already fill 16 KiB.
        String json = objectOfBytes(16 * 1024 + 2, "é");
        assertThat(json.length()).isLessThan(Metadata.MAX_BYTES);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Metadata(json))
                .withMessageContaining("got 16386");
    }

    @Test
    void multi_byte_characters_up_to_the_byte_limit_are_accepted() {
        // '€' is three UTF-8 bytes; the frame is 8 bytes, so 5458 of them make 16382 bytes.
        String json = "{\"k\":\"" + "€".repeat(5458) + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(16_382);

        assertThat(new Metadata(json).json()).isEqualTo(json);
    }

    @Test
    void a_four_byte_character_that_crosses_the_limit_is_refused() {
        // 16381 bytes of frame and ASCII plus one 4-byte emoji make 16385 bytes.
        String json = "{\"k\":\"" + "a".repeat(16_381 - 8) + "\uD83D\uDE00" + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(16_385);

        assertThatIllegalArgumentException().isThrownBy(() -> new Metadata(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"plan\":\"a\u0000b\"}", "{\"plan\":\"a\\u0000b\"}", "{\"a\\u0000\":1}", "{\"s\":\"\uD800\"}"})
    void text_jsonb_cannot_store_is_refused_raw_or_escaped(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Metadata(json)).withMessageMatching(".*(U\\+0000|surrogate).*");
    }

    @Test
    void an_escaped_backslash_before_u0000_is_plain_text_and_kept() {
        String json = "{\"path\":\"C:\\\\u0000\"}";

        assertThat(new Metadata(json).json()).isEqualTo(json);
    }
}
