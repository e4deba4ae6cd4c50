package dev.latchkey.domain.connector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPointerTest {
    private static final Map<String, Object> DOC = Map.of(
            "user", Map.of("email", "agent@acme.com", "id", 42, "admin", true, "score", 1.5),
            "teams", List.of(Map.of("name", "Support"), Map.of("name", "Sales")),
            "a/b", "slash",
            "m~n", "tilde",
            "~1", "literal tilde one",
            "", "empty key",
            "list", List.of("x", "y"));

    @Test
    void a_pointer_reads_nested_maps() {
        assertThat(JsonPointer.text(DOC, "/user/email")).contains("agent@acme.com");
    }

    @Test
    void numbers_and_booleans_are_read_as_text() {
        assertThat(JsonPointer.text(DOC, "/user/id")).contains("42");
        assertThat(JsonPointer.text(DOC, "/user/admin")).contains("true");
        assertThat(JsonPointer.text(DOC, "/user/score")).contains("1.5");
    }

    @Test
    void a_pointer_indexes_arrays() {
        assertThat(JsonPointer.text(DOC, "/teams/1/name")).contains("Sales");
        assertThat(JsonPointer.text(DOC, "/list/0")).contains("x");
    }

    @Test
    void escapes_decode_tilde_one_to_slash_and_tilde_zero_to_tilde() {
        assertThat(JsonPointer.text(DOC, "/a~1b")).contains("slash");
        assertThat(JsonPointer.text(DOC, "/m~0n")).contains("tilde");
    }

    @Test
    void tilde_zero_one_is_a_literal_tilde_one_not_a_slash() {
        assertThat(JsonPointer.text(DOC, "/~01")).contains("literal tilde one");
    }

    @Test
    void a_single_slash_is_the_empty_key() {
        assertThat(JsonPointer.text(DOC, "/")).contains("empty key");
    }

    @Test
    void the_empty_pointer_is_the_whole_document() {
        assertThat(JsonPointer.text("just text", "")).contains("just text");
        assertThat(JsonPointer.text(DOC, "")).isEmpty();
    }

    @Test
    void missing_values_are_empty() {
        assertThat(JsonPointer.text(DOC, "/user/name")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/nobody/email")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/teams/2/name")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/teams/-")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/teams/first")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/teams/99999999999")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/user/email/more")).isEmpty();
    }

    @Test
    void maps_lists_and_nulls_are_not_values() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("email", null);
        withNull.put("tags", Arrays.asList("a", null));

        assertThat(JsonPointer.text(DOC, "/user")).isEmpty();
        assertThat(JsonPointer.text(DOC, "/teams")).isEmpty();
        assertThat(JsonPointer.text(withNull, "/email")).isEmpty();
        assertThat(JsonPointer.text(withNull, "/tags/1")).isEmpty();
    }

    @Test
    void an_array_index_with_a_leading_zero_is_not_an_index() {
        assertThat(JsonPointer.text(DOC, "/list/01")).isEmpty();
    }
}
