package dev.latchkey.application.port.in;

public interface CreateConnectLinkUseCase {
    /** A single-use link to the portal for a linked account; 404 for an unknown account, 422 for a bad scope. */
    CreatedConnectLink create(CreateConnectLinkCommand command);
}
