package dev.latchkey.application.port.in;

public interface UpsertLinkedAccountUseCase {
    /** Creates the account, or replaces its name and metadata when it exists. */
    UpsertLinkedAccountResult upsert(CreateLinkedAccountCommand command);
}
