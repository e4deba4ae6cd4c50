package dev.latchkey.application.service;

import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccountId;

final class LinkedAccountErrors {
    private LinkedAccountErrors() {
    }

    static NotFoundException notFound(LinkedAccountId id) {
        return new NotFoundException("linked_account_not_found", "No linked account with id '" + id + "' exists in this workspace.");
    }

    static ConflictException exists(LinkedAccountId id) {
        return new ConflictException("linked_account_exists",
                "A linked account with id '" + id + "' already exists; use PUT /v1/linked-accounts/" + id + " to create or update it.");
    }
}
