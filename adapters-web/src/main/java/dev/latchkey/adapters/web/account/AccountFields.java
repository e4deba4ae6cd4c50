package dev.latchkey.adapters.web.account;

import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.Metadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The name and metadata rules that the create and the replace bodies share. */
final class AccountFields {
    private AccountFields() {
    }

    static void validate(@Nullable String name, @Nullable Map<String, Object> metadata, Violations violations, JsonMapper json) {
        violations.check("name", () -> name(name));
        violations.check("metadata", () -> metadata(metadata, json));
    }

    static Optional<AccountName> name(@Nullable String name) {
        return Optional.ofNullable(name).map(AccountName::new);
    }

    static Metadata metadata(@Nullable Map<String, Object> metadata, JsonMapper json) {
        if (metadata == null) {
            return Metadata.EMPTY;
        }
        try {
            return new Metadata(json.writeValueAsString(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
