package dev.latchkey.application.port.in;

import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.Objects;

public record ConfigResult(ConnectorSlug connector, ConfigId configId, ConfigReadout readout) {
    public ConfigResult {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(readout, "readout");
    }
}
