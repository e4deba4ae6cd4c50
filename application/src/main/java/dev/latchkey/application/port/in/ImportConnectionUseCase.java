package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.Connection;

public interface ImportConnectionUseCase {
    /** Stores credentials a company already holds (OAuth tokens, keys) as a connection. */
    Connection importConnection(ImportConnectionCommand command);
}
