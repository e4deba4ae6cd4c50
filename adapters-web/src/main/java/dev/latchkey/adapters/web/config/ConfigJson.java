package dev.latchkey.adapters.web.config;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.application.port.in.ConfigFieldsResult;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.ConfigResult;
import dev.latchkey.application.port.in.ConfigSummary;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.config.ConfigFieldsReader;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of the config API, built as plain maps: field definitions and values are free-form JSON
 * (a default or a json field's value can be anything), so no fixed record describes them.
 */
final class ConfigJson {
    private ConfigJson() {
    }

    static Map<String, Object> fields(ConfigFieldsResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", ConfigFieldsReader.write(result.fields()));
        out.put("source", result.source().name().toLowerCase(Locale.ROOT));
        return out;
    }

    static Map<String, Object> config(ConfigResult result) {
        ConfigReadout readout = result.readout();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connector", result.connector().value());
        out.put("config_id", result.configId().value());
        out.put("sections", readout.sections().stream().map(s -> {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("name", s.name().orElse(null));
            section.put("fields", s.fields());
            return section;
        }).toList());
        out.put("fields", readout.fields().stream().map(f -> {
            Map<String, Object> field = ConfigFieldsReader.write(f.field());
            field.put("value", f.value());
            return field;
        }).toList());
        out.put("field_errors", errors(readout.fieldErrors()));
        out.put("updated_at", readout.updatedAt().map(Timestamps::format).orElse(null));
        return out;
    }

    static Map<String, Object> summary(ConfigSummary summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connector", summary.connector().value());
        out.put("config_id", summary.configId().value());
        out.put("values", summary.values());
        out.put("updated_at", Timestamps.format(summary.updatedAt()));
        return out;
    }

    static List<Map<String, Object>> errors(List<FieldViolation> violations) {
        List<Map<String, Object>> out = new ArrayList<>();
        violations.forEach(v -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", v.field());
            error.put("message", v.message());
            out.add(error);
        });
        return out;
    }

    static ConfigId configId(String text) {
        if (text == null) {
            return ConfigId.DEFAULT;
        }
        try {
            return new ConfigId(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("config_id", e.getMessage());
        }
    }

    static ConfigQuery query(WorkspaceId workspace, LinkedAccountId account, ConnectorSlug slug, String configId) {
        return new ConfigQuery(workspace, account, slug, configId(configId));
    }

    /** A request object with only these keys; anything else is a 400 naming it. */
    static void onlyKeys(Map<String, Object> body, Set<String> known) {
        List<FieldViolation> unknown = body.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .map(k -> new FieldViolation(k, "is not a field of this request; known fields: " + String.join(", ", known.stream().sorted().toList())))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
    }
}
