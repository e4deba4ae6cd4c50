package dev.latchkey.application.port.in;

public interface GetConfigUseCase {
    /** The config with every current field (value, else default, else null); {@code linked_account_not_found}, {@code connector_not_found}. */
    ConfigResult get(ConfigQuery query);
}
