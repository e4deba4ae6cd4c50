package dev.latchkey.application.port.in;

public interface DefineConfigFieldsUseCase {
    /** Replaces the workspace's config fields of the connector; 400 naming every malformed definition. */
    ConfigFieldsResult define(DefineConfigFieldsCommand command);
}
