package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** What the config form shows: the stored values, or what was just submitted with its errors. */
record ConfigState(boolean saved, @Nullable Map<String, Object> submitted, Map<String, String> errors) {
    static ConfigState stored() {
        return new ConfigState(false, null, Map.of());
    }

    static ConfigState justSaved() {
        return new ConfigState(true, null, Map.of());
    }

    static ConfigState submitted(Map<String, Object> values, Map<String, String> errors) {
        return new ConfigState(false, values, errors);
    }
}
