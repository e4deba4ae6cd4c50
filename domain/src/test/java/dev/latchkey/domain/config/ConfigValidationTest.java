package dev.latchkey.domain.config;

import dev.latchkey.domain.FieldViolation;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Values against definitions: each type at its boundaries, presence, depends_on, unknown keys, all problems at once. */
class ConfigValidationTest {

    private static ConfigFieldSet set(Object... definitions) {
        return ConfigFieldsReader.read(List.of(definitions), "fields");
    }

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

    private static List<String> problems(ConfigFieldSet set, String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        return set.violations(values).stream().map(v -> v.field() + ": " + v.message()).toList();
    }

    private static boolean ok(ConfigFieldSet set, String key, Object value) {
        return problems(set, key, value).isEmpty();
    }

    @Test
    void text_lengths_are_inclusive_and_counted_in_characters() {
        ConfigFieldSet set = set(def("t", "text", "min_length", 2, "max_length", 4));

        assertThat(ok(set, "t", "ab")).isTrue();
        assertThat(ok(set, "t", "abcd")).isTrue();
        assertThat(ok(set, "t", "😀😀😀😀")).isTrue();
        assertThat(problems(set, "t", "a")).containsExactly("t: must be at least 2 characters (got 1)");
        assertThat(problems(set, "t", "abcde")).containsExactly("t: must be at most 4 characters (got 5)");
        assertThat(problems(set, "t", 12)).containsExactly("t: must be a string (got a number)");
    }

    @Test
    void a_pattern_must_match_the_whole_value() {
        ConfigFieldSet set = set(def("t", "textarea", "pattern", "[a-z]+"));

        assertThat(ok(set, "t", "abc")).isTrue();
        assertThat(problems(set, "t", "abc1")).containsExactly("t: must match the pattern [a-z]+");
        assertThat(problems(set, "t", "1abc")).hasSize(1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hang, not a speed assertion: the match is bounded in operations
    void a_pattern_too_costly_to_match_is_a_field_error_not_a_hang() {
        ConfigFieldSet set = set(def("t", "textarea", "pattern", "(.*a){6}"));

        assertThat(ok(set, "t", "aaaaaa")).isTrue();
        assertThat(problems(set, "t", "a".repeat(5_000) + "b")).singleElement().asString()
                .startsWith("t: could not be checked: the field's pattern is too costly to check");
    }

    @Test
    void a_pattern_that_overflows_the_regex_engine_s_stack_is_a_field_error_not_a_crash() throws Exception {
        ConfigFieldSet set = set(def("t", "textarea", "pattern", "(a|b)*"));
        AtomicReference<Object> outcome = new AtomicReference<>();
        // a small stack makes the engine's recursion (one frame per repetition) overflow on any machine
        Thread small = new Thread(null, () -> {
            try {
                outcome.set(problems(set, "t", "ab".repeat(5_000)));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 128 * 1024);
        small.start();
        small.join();

        assertThat(outcome.get()).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement().asString()
                .contains("too costly to check");
    }

    @Test
    void an_ordinary_pattern_checks_the_longest_value_within_the_budget() {
        ConfigFieldSet set = set(def("t", "textarea", "pattern", "[a-z][a-z-]*[a-z]"));

        assertThat(ok(set, "t", "ab-".repeat(3_333) + "a")).isTrue();
        assertThat(problems(set, "t", "ab-".repeat(3_333) + "-")).containsExactly("t: must match the pattern [a-z][a-z-]*[a-z]");
    }

    @Test
    void the_nul_character_is_refused_in_every_string_of_every_value_even_of_a_field_not_in_play() {
        List<Map<String, String>> options = List.of(Map.of("label", "A", "value", "a"));
        ConfigFieldSet set = set(def("t", "text"), def("j", "json"), def("m", "multi_select", "options", options),
                def("p", "mapping", "sources", List.of(Map.of("key", "tier", "label", "Tier")), "options", options),
                def("mode", "select", "options", List.of(Map.of("label", "On", "value", "on"), Map.of("label", "Off", "value", "off"))),
                def("later", "text", "depends_on", Map.of("field", "mode", "equals", "on")));
        String nul = "a\u0000b";
        String message = "must not contain the NUL character (U+0000)";

        assertThat(problems(set, "t", nul)).containsExactly("t: " + message);
        assertThat(problems(set, "j", Map.of("deep", List.of(1, Map.of("x", nul))))).containsExactly("j: " + message);
        assertThat(problems(set, "j", Map.of(nul, 1))).containsExactly("j: " + message);
        assertThat(problems(set, "m", List.of("a", nul))).containsExactly("m: " + message);
        assertThat(problems(set, "p", Map.of("tier", nul))).containsExactly("p: " + message);
        assertThat(problems(set, "p", Map.of(nul, "a"))).containsExactly("p: " + message);
        assertThat(problems(set, "later", nul)).containsExactly("later: " + message);
        assertThat(ok(set, "j", Map.of("x", "a\\u0000b"))).as("an escaped backslash is not a NUL").isTrue();
    }

    @Test
    void emails_urls_and_dates_have_their_formats() {
        ConfigFieldSet set = set(def("e", "email"), def("u", "url"), def("d", "date"));

        assertThat(ok(set, "e", "ops@example.com")).isTrue();
        assertThat(ok(set, "e", "ops@localhost")).isFalse();
        assertThat(ok(set, "e", "ops example.com")).isFalse();
        assertThat(ok(set, "u", "https://example.com/hook?x=1")).isTrue();
        assertThat(ok(set, "u", "http://example.com")).isTrue();
        assertThat(ok(set, "u", "ftp://example.com")).isFalse();
        assertThat(ok(set, "u", "/relative")).isFalse();
        assertThat(ok(set, "u", "https://exa mple.com")).isFalse();
        assertThat(ok(set, "d", "2028-02-29")).isTrue();
        assertThat(ok(set, "d", "2026-02-29")).isFalse();
        assertThat(ok(set, "d", "2026-1-05")).isFalse();
        assertThat(ok(set, "d", "2026-01-05T00:00:00Z")).isFalse();
    }

    @Test
    void number_bounds_are_inclusive_and_integer_refuses_fractions_but_not_whole_decimals() {
        ConfigFieldSet set = set(def("n", "number", "min", 1, "max", 10.5), def("i", "number", "integer", true, "min", -3));

        assertThat(ok(set, "n", 1)).isTrue();
        assertThat(ok(set, "n", 10.5)).isTrue();
        assertThat(ok(set, "n", new BigDecimal("10.50"))).isTrue();
        assertThat(problems(set, "n", 0.999)).containsExactly("n: must be at least 1");
        assertThat(problems(set, "n", 10.51)).containsExactly("n: must be at most 10.5");
        assertThat(problems(set, "n", "5")).containsExactly("n: must be a number (got a string)");
        assertThat(ok(set, "i", -3)).isTrue();
        assertThat(ok(set, "i", 4.0)).isTrue();
        assertThat(problems(set, "i", 4.5)).containsExactly("i: must be a whole number");
        assertThat(problems(set, "i", -4)).containsExactly("i: must be at least -3");
        assertThat(problems(set, "n", Double.POSITIVE_INFINITY)).containsExactly("n: must be a finite number");
    }

    @Test
    void booleans_are_true_or_false_only() {
        ConfigFieldSet set = set(def("b", "boolean"));

        assertThat(ok(set, "b", false)).isTrue();
        assertThat(problems(set, "b", "true")).containsExactly("b: must be true or false (got a string)");
    }

    @Test
    void json_takes_any_value_and_its_schema_subset_when_declared() {
        ConfigFieldSet free = set(def("j", "json"));
        assertThat(ok(free, "j", List.of(1, "a", Map.of()))).isTrue();

        ConfigFieldSet set = set(def("j", "json", "schema", Map.of("type", "object", "required", List.of("name"),
                "properties", Map.of("name", Map.of("type", "string", "minLength", 1, "maxLength", 3),
                        "size", Map.of("type", "integer", "minimum", 1, "maximum", 5),
                        "tags", Map.of("type", "array", "items", Map.of("enum", List.of("a", "b")))))));

        assertThat(ok(set, "j", Map.of("name", "abc", "size", 5, "tags", List.of("a", "b")))).isTrue();
        assertThat(problems(set, "j", Map.of("name", "", "size", 6, "tags", List.of("c")))).containsExactlyInAnyOrder(
                "j: at /name: must be at least 1 characters", "j: at /size: must be at most 5", "j: at /tags/0: must be one of the enum values");
        assertThat(problems(set, "j", Map.of("size", 1.5))).containsExactlyInAnyOrder("j: must have the property 'name'",
                "j: at /size: must be integer (got a number)");
        assertThat(problems(set, "j", "text")).containsExactly("j: must be object (got a string)");
    }

    @Test
    void selects_take_one_of_their_options_and_multi_selects_a_list_of_them_without_repeats() {
        List<Map<String, String>> options = List.of(Map.of("label", "A", "value", "a"), Map.of("label", "B", "value", "b"));
        ConfigFieldSet set = set(def("s", "select", "options", options), def("m", "multi_select", "options", options));

        assertThat(ok(set, "s", "a")).isTrue();
        assertThat(problems(set, "s", "c")).containsExactly("s: 'c' is not one of the options: a, b");
        assertThat(problems(set, "s", List.of("a"))).hasSize(1);
        assertThat(ok(set, "m", List.of("a", "b"))).isTrue();
        assertThat(ok(set, "m", List.of())).isTrue();
        assertThat(problems(set, "m", List.of("a", "a"))).containsExactly("m: lists 'a' twice");
        assertThat(problems(set, "m", List.of("a", "z"))).containsExactly("m: 'z' is not one of the options: a, b");
        assertThat(problems(set, "m", "a")).hasSize(1);
    }

    @Test
    void dynamic_options_accept_any_non_empty_value_since_only_the_provider_knows_them() {
        ConfigFieldSet set = set(def("s", "select", "options_from", Map.of("path", "/list", "items", "/items", "label", "/name", "value", "/id")));

        assertThat(ok(set, "s", "C0123")).isTrue();
        assertThat(ok(set, "s", "")).isFalse();
    }

    @Test
    void mapping_entries_are_named_field_dot_source_and_a_required_mapping_maps_every_source() {
        ConfigFieldSet set = set(def("field_mappings", "mapping", "required", true,
                "sources", List.of(Map.of("key", "customer_tier", "label", "Customer tier"), Map.of("key", "region", "label", "Region")),
                "options", List.of(Map.of("label", "Tier", "value", "tier__c"))));

        assertThat(ok(set, "field_mappings", Map.of("customer_tier", "tier__c", "region", "tier__c"))).isTrue();
        assertThat(problems(set, "field_mappings", Map.of("customer_tier", "nope", "colour", "tier__c"))).containsExactlyInAnyOrder(
                "field_mappings.customer_tier: 'nope' is not one of the options: tier__c",
                "field_mappings.colour: is not a source of this mapping; sources: customer_tier, region",
                "field_mappings.region: is required: map Region");
        assertThat(problems(set, "field_mappings", Map.of())).containsExactly("field_mappings: is required");
    }

    @Test
    void required_fields_need_a_value_or_a_default_and_blank_text_does_not_count() {
        ConfigFieldSet set = set(def("a", "text", "required", true), def("b", "text", "required", true, "default", "x"));

        assertThat(set.violations(Map.of())).extracting(FieldViolation::field).containsExactly("a");
        assertThat(set.violations(Map.of("a", " "))).extracting(FieldViolation::message).containsExactly("is required");
        assertThat(set.violations(Map.of("a", "y"))).isEmpty();
    }

    @Test
    void a_field_whose_depends_on_does_not_hold_is_neither_required_nor_checked_and_chains_follow() {
        ConfigFieldSet set = set(
                def("mode", "select", "default", "all", "options", List.of(Map.of("label", "All", "value", "all"),
                        Map.of("label", "Custom", "value", "custom"))),
                def("since", "date", "required", true, "depends_on", Map.of("field", "mode", "equals", "custom")),
                def("limit", "number", "default", 5),
                def("deep", "text", "required", true, "depends_on", Map.of("field", "since", "equals", "2026-01-01")),
                def("big", "text", "required", true, "depends_on", Map.of("field", "limit", "equals", 5.0)));

        assertThat(set.violations(Map.of("since", "garbage"))).extracting(FieldViolation::field).containsExactly("big");
        assertThat(set.violations(Map.of("mode", "custom", "big", "x"))).extracting(FieldViolation::field).containsExactly("since");
        assertThat(set.violations(Map.of("mode", "custom", "since", "2026-01-01", "big", "x"))).extracting(FieldViolation::field)
                .containsExactly("deep");
        assertThat(set.violations(Map.of("limit", 6))).isEmpty();
    }

    @Test
    void unknown_keys_are_refused_and_every_problem_is_reported_at_once() {
        ConfigFieldSet set = set(def("a", "text", "required", true), def("n", "number", "max", 1), def("e", "email"));

        List<FieldViolation> found = set.violations(Map.of("n", 2, "e", "x", "zzz", 1, "aaa", 2));

        assertThat(found).extracting(FieldViolation::field).containsExactly("aaa", "zzz", "a", "n", "e");
        assertThat(found.get(0).message()).isEqualTo("is not a config field of this app; fields: a, n, e");
    }
}
