package dev.latchkey.domain.config;

import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Definitions from their JSON form: every problem at once under its path, and a round trip that changes nothing. */
class ConfigFieldsReaderTest {

    private static Map<String, Object> def(String key, String type, Object... more) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("key", key);
        field.put("label", key);
        field.put("type", type);
        for (int i = 0; i < more.length; i += 2) {
            field.put((String) more[i], more[i + 1]);
        }
        return field;
    }

    private static List<String> violations(Object raw) {
        try {
            ConfigFieldsReader.read(raw, "fields");
            return List.of();
        } catch (InvalidInputException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
    }

    @Test
    void every_malformed_definition_is_named_by_its_path() {
        assertThat(violations(List.of(
                def("a", "text", "min_length", 5, "max_length", 2),
                def("b", "select"),
                def("c", "select", "options", List.of(Map.of("label", "X", "value", "x")),
                        "options_from", Map.of("path", "/x", "items", "/i", "label", "/l", "value", "/v")),
                def("d", "number", "min_length", 1),
                def("e", "text", "pattern", "("),
                def("f", "json", "schema", Map.of("type", "object", "patternProperties", Map.of())),
                def("g", "select", "options", List.of(Map.of("label", "X", "value", "x"), Map.of("label", "Y", "value", "x"))),
                def("h", "mapping", "options", List.of(Map.of("label", "X", "value", "x"))),
                def("i", "boolean", "default", "yes"),
                def("j", "number", "secret", true),
                "not an object",
                def("Bad", "colour", "colour", 1))))
                .containsExactlyInAnyOrder("fields[0].min_length", "fields[1].options", "fields[2].options", "fields[3].min_length",
                        "fields[4].pattern", "fields[5].schema", "fields[6].options", "fields[7].sources", "fields[8].default",
                        "fields[9].secret", "fields[10]", "fields[11].key", "fields[11].type", "fields[11].colour");
    }

    @Test
    void a_definition_with_the_nul_character_anywhere_is_refused_at_its_path() {
        assertThat(violations(List.of(def("a", "text"), def("b", "text", "help_text", "x\u0000"),
                def("c", "select", "options", List.of(Map.of("label", "X", "value", "\u0000")))))).containsExactly("fields[1]", "fields[2]");
    }

    @Test
    void keys_are_unique_and_depends_on_names_an_earlier_non_secret_field() {
        assertThat(violations(List.of(def("a", "text"), def("a", "text")))).containsExactly("fields[1].key");
        assertThat(violations(List.of(def("b", "text", "depends_on", Map.of("field", "a", "equals", "x")), def("a", "text"))))
                .containsExactly("fields[0].depends_on.field");
        assertThat(violations(List.of(def("a", "text", "depends_on", Map.of("field", "a", "equals", "x")))))
                .containsExactly("fields[0].depends_on.field");
        assertThat(violations(List.of(def("s", "text", "secret", true), def("b", "text", "depends_on", Map.of("field", "s", "equals", "x")))))
                .containsExactly("fields[1].depends_on.field");
        assertThat(violations(List.of(def("a", "text"), def("b", "text", "depends_on", Map.of("field", "a", "equals", List.of())))))
                .containsExactly("fields[1].depends_on");
    }

    @Test
    void options_from_stays_under_the_api_base_and_pages_with_both_next_and_cursor_param() {
        Map<String, Object> ok = Map.of("path", "/conversations.list?limit=200", "items", "/channels", "label", "/name", "value", "/id",
                "next", "/response_metadata/next_cursor", "cursor_param", "cursor", "search_param", "q");
        assertThat(violations(List.of(def("c", "select", "options_from", ok)))).isEmpty();

        for (String path : List.of("//evil.example/x", "https://evil.example/x", "/a/../../admin", "/a/%2e%2e/b", "/a%2Fb", "relative", "/a b",
                "/a#b", "/a?x=%zz")) {
            Map<String, Object> bad = new LinkedHashMap<>(ok);
            bad.put("path", path);
            assertThat(violations(List.of(def("c", "select", "options_from", bad)))).as(path).containsExactly("fields[0].options_from.path");
        }
        Map<String, Object> half = new LinkedHashMap<>(ok);
        half.remove("cursor_param");
        assertThat(violations(List.of(def("c", "select", "options_from", half)))).containsExactly("fields[0].options_from.next");
        Map<String, Object> post = new LinkedHashMap<>(ok);
        post.put("method", "DELETE");
        assertThat(violations(List.of(def("c", "select", "options_from", post)))).containsExactly("fields[0].options_from.method");
    }

    @Test
    void a_definition_written_back_reads_the_same() {
        ConfigFieldSet set = ConfigFieldsReader.read(List.of(
                def("channel", "select", "required", true, "section", "Posting", "help_text", "Where", "placeholder", "Pick",
                        "options_from", Map.of("method", "GET", "path", "/list", "items", "/items", "label", "/name", "value", "/id")),
                def("mode", "select", "default", "all", "options", List.of(Map.of("label", "All", "value", "all"))),
                def("n", "number", "min", 1, "max", 2.5, "integer", false, "hidden", true, "depends_on", Map.of("field", "mode", "equals", "all")),
                def("t", "textarea", "min_length", 1, "max_length", 9, "pattern", "\\w+", "secret", true),
                def("j", "json", "schema", Map.of("type", List.of("object", "null"))),
                def("m", "mapping", "sources", List.of(Map.of("key", "tier", "label", "Tier")), "options", List.of(Map.of("label", "G", "value", "g"))),
                def("e", "email"), def("u", "url"), def("d", "date", "default", "2026-01-01"), def("b", "boolean", "default", true)), "fields");

        ConfigFieldSet again = ConfigFieldsReader.read(ConfigFieldsReader.write(set), "fields");

        assertThat(again).isEqualTo(set);
        assertThat(ConfigFieldsReader.write(again)).isEqualTo(ConfigFieldsReader.write(set));
        assertThat(set.sections().keySet()).containsExactly(java.util.Optional.of("Posting"), java.util.Optional.empty());
    }

    @Test
    void a_missing_list_is_no_fields_and_a_non_list_is_refused() {
        assertThat(ConfigFieldsReader.read(null, "config_fields").isEmpty()).isTrue();
        assertThatThrownBy(() -> ConfigFieldsReader.read(Map.of(), "fields")).isInstanceOf(InvalidInputException.class)
                .hasMessage("fields: must be a list of field definitions");
    }
}
