package dev.latchkey.application.port.in;

import dev.latchkey.domain.config.ConfigFieldSet;

import java.util.Objects;

/** The config fields in effect for a connector in a workspace, and where they come from. */
public record ConfigFieldsResult(ConfigFieldSet fields, Source source) {
    public enum Source {
        /** The connector file's defaults. */
        CONNECTOR,
        /** The workspace's own definitions. */
        WORKSPACE,
        /** Neither defines any. */
        NONE
    }

    public ConfigFieldsResult {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(source, "source");
    }
}
