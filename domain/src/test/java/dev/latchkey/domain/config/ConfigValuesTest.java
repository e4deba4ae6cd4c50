package dev.latchkey.domain.config;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config ids, and how stored values read under (changed) definitions. */
class ConfigValuesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

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


    @Test
    void a_config_id_is_a_slug_and_defaults_to_default() {
        assertThat(ConfigId.DEFAULT.value()).isEqualTo("default");
        assertThat(new ConfigId("sales-pipeline_2").value()).isEqualTo("sales-pipeline_2");
        assertThat(new ConfigId("a".repeat(63)).value()).hasSize(63);
        for (String bad : List.of("", "a".repeat(64), "Sales", "-x", "a b", "a/b", "a.b")) {
            assertThatThrownBy(() -> new ConfigId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_read_shows_stored_values_else_defaults_and_masks_secrets() {
        ConfigFieldSet fields = ConfigFieldsReader.read(List.of(def("channel", "text"), def("mode", "text", "default", "all"),
                def("key", "text", "secret", true), def("other_key", "text", "secret", true)), "fields");

        ConfigReadout readout = ConfigReadout.of(fields, Map.of("channel", "C1", "key", "s3cret"), Set.of("key"), Optional.of(NOW));

        assertThat(readout.fields()).extracting(ConfigReadout.FieldValue::value).containsExactly("C1", "all", ConfigField.MASK, null);
        assertThat(readout.updatedAt()).contains(NOW);
        assertThat(ConfigReadout.of(fields, Map.of(), Set.of(), Optional.empty()).updatedAt()).isEmpty();
    }

    @Test
    void a_value_stored_as_secret_stays_masked_when_its_field_stops_being_secret() {
        ConfigFieldSet fields = ConfigFieldsReader.read(List.of(def("key", "text")), "fields");

        ConfigReadout readout = ConfigReadout.of(fields, Map.of("key", "s3cret"), Set.of("key"), Optional.of(NOW));

        assertThat(readout.fields().get(0).value()).isEqualTo(ConfigField.MASK);
        assertThat(ConfigReadout.visibleValues(fields, Map.of("key", "s3cret"), Set.of("key"))).containsEntry("key", ConfigField.MASK);
    }

    @Test
    void a_stored_secret_that_no_longer_fits_its_field_is_reported_without_quoting_it() {
        ConfigFieldSet fields = ConfigFieldsReader.read(List.of(
                def("key", "select", "options", List.of(Map.of("label", "A", "value", "a"))),
                def("map", "mapping", "sources", List.of(Map.of("key", "tier", "label", "Tier")), "options", List.of(Map.of("label", "A", "value", "a"))),
                def("plain", "select", "options", List.of(Map.of("label", "A", "value", "a")))), "fields");
        Map<String, Object> stored = Map.of("key", "whsec-XYZ", "map", "whsec-MAP", "plain", "zzz");

        ConfigReadout readout = ConfigReadout.of(fields, stored, Set.of("key", "map"), Optional.of(NOW));

        assertThat(readout.fieldErrors()).extracting(v -> v.field()).containsExactly("key", "map", "plain");
        assertThat(readout.fieldErrors().toString()).doesNotContain("whsec");
        assertThat(readout.fieldErrors().get(0).message()).contains("secret value", "not shown");
        assertThat(readout.fieldErrors().get(2).message()).as("a value that never was secret is quoted as before").contains("'zzz'");
        assertThat(fields.violations(Map.of("key", "whsec-XYZ"), Set.of("key")).toString()).doesNotContain("whsec");
    }

    @Test
    void after_a_definition_change_removed_fields_are_hidden_and_misfits_reported_not_dropped() {
        Map<String, Object> stored = Map.of("gone", "kept", "size", "big", "pick", "b", "off", "x");
        ConfigFieldSet changed = ConfigFieldsReader.read(List.of(
                def("size", "number"),
                def("pick", "select", "options", List.of(Map.of("label", "A", "value", "a"))),
                def("toggle", "boolean", "default", false),
                def("off", "number", "depends_on", Map.of("field", "toggle", "equals", true))), "fields");

        ConfigReadout readout = ConfigReadout.of(changed, stored, Set.of(), Optional.of(NOW));

        assertThat(readout.fields()).extracting(f -> f.field().key()).containsExactly("size", "pick", "toggle", "off");
        assertThat(readout.fields()).extracting(ConfigReadout.FieldValue::value).containsExactly("big", "b", false, "x");
        assertThat(readout.fieldErrors()).extracting(v -> v.field()).containsExactly("size", "pick");
        assertThat(ConfigReadout.visibleValues(changed, stored, Set.of())).containsOnlyKeys("size", "pick", "off");
    }
}
