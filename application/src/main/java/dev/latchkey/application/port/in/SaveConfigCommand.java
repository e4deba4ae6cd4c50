package dev.latchkey.application.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The complete values of one config as the customer submits them; a null value or a missing key
 * leaves the field unset, {@value dev.latchkey.domain.config.ConfigField#MASK} keeps a stored secret.
 */
public record SaveConfigCommand(ConfigQuery config, Map<String, Object> values) {
    public SaveConfigCommand {
        Objects.requireNonNull(config, "config");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return "SaveConfigCommand[" + config + ", keys=" + values.keySet() + "]";
    }
}
