package dev.latchkey.adapters.web.config;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.config.ConfigId;

import java.util.Map;
import java.util.Set;

/** The body of a config save: {@code {"config_id": "default", "values": {...}}}, the config id also accepted as a query value. */
record ConfigValuesBody(ConfigId configId, Map<String, Object> values) {
    @SuppressWarnings("unchecked")
    static ConfigValuesBody of(Map<String, Object> body, String queryConfigId) {
        ConfigJson.onlyKeys(body, Set.of("config_id", "values"));
        Object rawId = body.get("config_id");
        if (rawId != null && !(rawId instanceof String)) {
            throw InvalidInputException.of("config_id", "must be a string such as default");
        }
        if (rawId != null && queryConfigId != null && !rawId.equals(queryConfigId)) {
            throw InvalidInputException.of("config_id", "differs from the config_id of the query ('" + queryConfigId + "'); send one");
        }
        ConfigId id = ConfigJson.configId(rawId != null ? (String) rawId : queryConfigId);
        Object values = body.get("values");
        if (!(values instanceof Map<?, ?>)) {
            throw InvalidInputException.of("values", "is required: an object of field keys to values, e.g. {\"channel\": \"C123\"}");
        }
        return new ConfigValuesBody(id, (Map<String, Object>) values);
    }
}
