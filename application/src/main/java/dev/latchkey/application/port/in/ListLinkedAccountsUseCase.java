package dev.latchkey.application.port.in;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccount;

public interface ListLinkedAccountsUseCase {
    Page<LinkedAccount> list(ListLinkedAccountsQuery query);
}
