package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccount;

public record UpsertLinkedAccountResult(LinkedAccount account, boolean created) {
}
