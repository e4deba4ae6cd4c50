package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccount;

public interface CreateLinkedAccountUseCase {
    /** Creates the account; a taken id is a conflict ({@code linked_account_exists}). */
    LinkedAccount create(CreateLinkedAccountCommand command);
}
