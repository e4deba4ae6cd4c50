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
    void null_is_a_legal_json_schema_enum_member() {
        List<Object> allowed = new java.util.ArrayList<>();
        allowed.add(null);
        allowed.add("a");
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("enum", allowed);
        ConfigFieldSet set = ConfigFieldsReader.read(List.of(def("j", "json", "schema", Map.of("type", "array", "items", items))), "fields");

        assertThat(set.violations(Map.of("j", java.util.Arrays.asList(null, "a")))).isEmpty();
        assertThat(set.violations(Map.of("j", List.of("b")))).extracting(FieldViolation::message)
                .containsExactly("at /0: must be one of the enum values");
        assertThat(ConfigFieldsReader.read(ConfigFieldsReader.write(set), "fields")).isEqualTo(set);
    }

    @Test
    void a_null_anywhere_in_a_definition_is_a_violation_or_not_set_never_a_crash() {
        List<Map<String, Object>> samples = List.of(
                def("t", "text", "min_length", 1, "max_length", 5, "pattern", "[a-z]+", "default", "ab", "help_text", "h",
                        "placeholder", "p", "section", "s"),
                def("j", "json", "schema", Map.of("type", "object", "required", List.of("a"), "properties", Map.of("a", Map.of("type", "string")),
                        "items", Map.of("minimum", 1), "enum", List.of(1), "minLength", 1)),
                def("s", "select", "options", List.of(Map.of("label", "A", "value", "a"))),
                def("d", "multi_select", "options_from", Map.of("method", "GET", "path", "/x", "items", "/i", "label", "/l", "value", "/v",
                        "next", "/n", "cursor_param", "c", "search_param", "q")),
                def("m", "mapping", "sources", List.of(Map.of("key", "k", "label", "K")), "options", List.of(Map.of("label", "A", "value", "a"))),
                def("n", "number", "min", 1, "max", 2, "integer", true, "depends_on", Map.of("field", "t", "equals", "x")));
        for (Map<String, Object> sample : samples) {
            for (List<String> path : paths(sample, List.of())) {
                for (int variant = 0; variant < 3; variant++) {
                    Object broken = replaced(sample, path, variant);
                    List<Object> definitions = new java.util.ArrayList<>();
                    definitions.add(def("t", "text"));
                    if (!sample.get("key").equals("t")) {
                        definitions.add(broken);
                    } else {
                        definitions.set(0, broken);
                    }
                    org.assertj.core.api.Assertions.assertThatCode(() -> violations(definitions))
                            .as("%s with %s set to variant %d", sample.get("key"), path, variant).doesNotThrowAnyException();
                }
            }
        }
    }

    /** The paths of every value inside a definition. */
    private static List<List<String>> paths(Object node, List<String> at) {
        List<List<String>> out = new java.util.ArrayList<>();
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.addAll(paths(v, append(at, String.valueOf(k)))));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.addAll(paths(list.get(i), append(at, "#" + i)));
            }
        }
        return out;
    }

    private static List<String> append(List<String> at, String step) {
        List<String> next = new java.util.ArrayList<>(at);
        next.add(step);
        return next;
    }

    /** A copy of the node with the value at the path made null (0), a list holding null (1), or an object with a null (2). */
    private static Object replaced(Object node, List<String> path, int variant) {
        if (path.isEmpty()) {
            return switch (variant) {
                case 0 -> null;
                case 1 -> java.util.Arrays.asList((Object) null);
                default -> {
                    Map<String, Object> withNull = new java.util.HashMap<>();
                    withNull.put("type", null);
                    withNull.put("x", null);
                    yield withNull;
                }
            };
        }
        String step = path.get(0);
        List<String> rest = path.subList(1, path.size());
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.put(step, replaced(map.get(step), rest, variant));
            return copy;
        }
        List<Object> copy = new java.util.ArrayList<>((List<?>) node);
        int i = Integer.parseInt(step.substring(1));
        copy.set(i, replaced(copy.get(i), rest, variant));
        return copy;
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
                "/a#b", "/a?x=%zz", "/a/..;/admin", "/..;/admin", "/a/%2e%2e;x/b", "/a/.;/b", "/%252e%252e/admin", "/a@evil.example/x")) {
            Map<String, Object> bad = new LinkedHashMap<>(ok);
            bad.put("path", path);
            assertThat(violations(List.of(def("c", "select", "options_from", bad)))).as(path).containsExactly("fields[0].options_from.path");
        }
        for (String path : List.of("/", "/a;v=1/b", "/users/me/..x", "/a.b/c.json")) {
            Map<String, Object> fine = new LinkedHashMap<>(ok);
            fine.put("path", path);
            assertThat(violations(List.of(def("c", "select", "options_from", fine)))).as(path).isEmpty();
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
