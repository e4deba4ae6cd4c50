package dev.latchkey.domain.audit;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.ApiKeyId;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made a change. Never a secret: an API key is named by its id and its hint (the first characters
 * every key list shows), a session token by the linked account it was minted for.
 */
public sealed interface Actor {
    int MAX_TEXT = 256;

    /** The kind as the API writes it: {@code api_key}, {@code session}, {@code operator}, {@code console_user}. */
    String kind();

    /** What identifies this actor within its kind (a key id, an account id, a subject); empty for the operator. */
    Optional<String> id();

    /** What a person reads (a key's hint, a console user's email or name); empty when there is nothing more than the id. */
    Optional<String> label();

    /** A company backend calling with an API key. */
    record ApiKey(ApiKeyId keyId, String hint) implements Actor {
        public ApiKey {
            Objects.requireNonNull(keyId, "keyId");
            hint = text(hint, "hint");
        }

        @Override
        public String kind() {
            return "api_key";
        }

        @Override
        public Optional<String> id() {
            return Optional.of(keyId.toString());
        }

        @Override
        public Optional<String> label() {
            return Optional.of(hint);
        }
    }

    /** A customer's frontend calling with a session token minted for this linked account. */
    record SessionToken(LinkedAccountId account) implements Actor {
        public SessionToken {
            Objects.requireNonNull(account, "account");
        }

        @Override
        public String kind() {
            return "session";
        }

        @Override
        public Optional<String> id() {
            return Optional.of(account.value());
        }

        @Override
        public Optional<String> label() {
            return Optional.empty();
        }
    }

    /** Whoever holds LATCHKEY_ADMIN_TOKEN. */
    record Operator() implements Actor {
        @Override
        public String kind() {
            return "operator";
        }

        @Override
        public Optional<String> id() {
            return Optional.empty();
        }

        @Override
        public Optional<String> label() {
            return Optional.empty();
        }
    }

    /**
     * A person signed in to the console through the identity provider.
     *
     * @param subject the identity provider's {@code sub}: stable, unlike an email
     * @param name their email or name as the provider gave it, for people to read
     */
    record ConsoleUser(String subject, Optional<String> name) implements Actor {
        public ConsoleUser {
            subject = text(subject, "subject");
            Objects.requireNonNull(name, "name");
            name = name.filter(n -> !n.isBlank()).map(n -> text(n, "name"));
        }

        @Override
        public String kind() {
            return "console_user";
        }

        @Override
        public Optional<String> id() {
            return Optional.of(subject);
        }

        @Override
        public Optional<String> label() {
            return name;
        }
    }

    /** The actor a stored kind, id and label describe. */
    static Actor of(String kind, Optional<String> id, Optional<String> label) {
        return switch (kind) {
            case "api_key" -> new ApiKey(new ApiKeyId(java.util.UUID.fromString(id.orElseThrow())), label.orElse(""));
            case "session" -> new SessionToken(new LinkedAccountId(id.orElseThrow()));
            case "operator" -> new Operator();
            case "console_user" -> new ConsoleUser(id.orElseThrow(), label);
            default -> throw new IllegalArgumentException("unknown actor kind '" + kind + "'");
        };
    }

    private static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_TEXT + " characters, without control characters");
        }
        return value;
    }
}
