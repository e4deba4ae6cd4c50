package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    private static List<String> fields(String json) {
        return StrictJson.check(json).violations().stream().map(FieldViolation::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"id\":\"a\",\"metadata\":{\"plan\":\"pro\",\"tags\":[\"x\",{\"k\":null}]}}",
            "{\"emoji\":\"\\ud83d\\ude00\",\"raw\":\"\uD83D\uDE00\"}", "{\"a\":{\"x\":1},\"b\":{\"x\":1}}", "[1, 2]"})
    void a_body_that_keeps_every_rule_has_no_problem(String json) {
        assertThat(StrictJson.check(json).isEmpty()).isTrue();
    }

    @Test
    void every_problem_is_named_by_the_path_of_its_field_at_any_depth() {
        String json = "{\"\":1, \"id\":\"a\", \"id\":\"b\", \"name\":\"x\\u0000\", \"k\\u0000\":1, "
                + "\"metadata\":{\"\":1, \"plan\":1, \"plan\":2, \"deep\":{\"list\":[\"ok\", \"\\ud800\"]}}}";

        StrictJson.Problems problems = StrictJson.check(json);

        assertThat(problems.violations().stream().map(FieldViolation::field))
                .containsExactly("body", "id", "name", "k\\u0000", "metadata", "metadata.plan", "metadata.deep.list[1]");
        assertThat(problems.refusedKeys()).containsExactlyInAnyOrder("", "id", "name", "k\u0000", "metadata");
    }

    @Test
    void a_blank_key_is_refused_like_an_empty_one_naming_the_object_it_is_in() {
        assertThat(fields("{\" \":1, \"metadata\":{\"\\t\":2}}")).containsExactly("body", "metadata");
    }

    @Test
    void a_body_of_thousands_of_bad_strings_is_answered_with_a_bounded_list() {
        String json = "{\"list\":[" + "\"\\u0000\",".repeat(5000) + "\"ok\"]}";

        assertThat(StrictJson.check(json).violations()).hasSize(StrictJson.MAX_VIOLATIONS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{\"id\": ", "{\"id\":\"a\"}}", "{\"a\":1}{\"b\":2}", "{\"a\":\"raw\u0000nul\"}"})
    void broken_syntax_or_content_after_the_value_is_refused_at_once(String json) {
        assertThatThrownBy(() -> StrictJson.check(json)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(FieldViolation::field).containsExactly("body"));
    }

    @Test
    void nesting_deeper_than_the_parser_allows_is_refused_not_a_stack_overflow() {
        String json = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> StrictJson.check(json)).isInstanceOf(InvalidInputException.class);
    }
}
