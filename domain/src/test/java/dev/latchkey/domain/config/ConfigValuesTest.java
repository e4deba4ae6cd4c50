package dev.latchkey.domain.config;

import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config ids, stored configs and how they read under (changed) definitions. */
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

    private static StoredConfig stored(Map<String, Object> values, Set<String> secrets) {
        return new StoredConfig(WorkspaceId.random(), LinkedAccountKey.random(), new ConnectorSlug("slack"), ConfigId.DEFAULT, values, secrets, NOW);
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
    void a_stored_config_never_shows_its_values_in_to_string() {
        StoredConfig config = stored(Map.of("signing_key", "s3cret", "channel", "C1"), Set.of("signing_key"));

        assertThat(config.toString()).doesNotContain("s3cret", "C1").contains("signing_key");
    }

    @Test
    void a_read_shows_stored_values_else_defaults_and_masks_secrets() {
        ConfigFieldSet fields = ConfigFieldsReader.read(List.of(def("channel", "text"), def("mode", "text", "default", "all"),
                def("key", "text", "secret", true), def("other_key", "text", "secret", true)), "fields");

        ConfigReadout readout = ConfigReadout.of(fields, Optional.of(stored(Map.of("channel", "C1", "key", "s3cret"), Set.of("key"))));

        assertThat(readout.fields()).extracting(ConfigReadout.FieldValue::value).containsExactly("C1", "all", ConfigField.MASK, null);
        assertThat(readout.updatedAt()).contains(NOW);
        assertThat(ConfigReadout.of(fields, Optional.empty()).updatedAt()).isEmpty();
    }

    @Test
    void after_a_definition_change_removed_fields_are_hidden_and_misfits_reported_not_dropped() {
        StoredConfig config = stored(Map.of("gone", "kept", "size", "big", "pick", "b", "off", "x"), Set.of());
        ConfigFieldSet changed = ConfigFieldsReader.read(List.of(
                def("size", "number"),
                def("pick", "select", "options", List.of(Map.of("label", "A", "value", "a"))),
                def("toggle", "boolean", "default", false),
                def("off", "number", "depends_on", Map.of("field", "toggle", "equals", true))), "fields");

        ConfigReadout readout = ConfigReadout.of(changed, Optional.of(config));

        assertThat(readout.fields()).extracting(f -> f.field().key()).containsExactly("size", "pick", "toggle", "off");
        assertThat(readout.fields()).extracting(ConfigReadout.FieldValue::value).containsExactly("big", "b", false, "x");
        assertThat(readout.fieldErrors()).extracting(v -> v.field()).containsExactly("size", "pick");
        assertThat(ConfigReadout.visibleValues(changed, config)).containsOnlyKeys("size", "pick", "off");
    }
}
