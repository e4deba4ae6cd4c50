package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccount;

public interface UpdateLinkedAccountUseCase {
    /** Changes only the fields the command sets. */
    LinkedAccount update(UpdateLinkedAccountCommand command);
}
