package dev.latchkey.domain.credential;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection authenticates with: the values the customer typed (an API key, a client id and
 * secret, a GitHub App's private key) and the token obtained with them, if the scheme uses one.
 * Kept only encrypted at rest; {@link #toString()} shows no value.
 *
 * @param fields the customer's values by field name (empty for the OAuth authorization-code grant)
 * @param token  the current access token (empty for schemes that sign with the fields directly)
 */
public record Credentials(Map<String, String> fields, Optional<AccessToken> token) {
    public Credentials {
        fields = Map.copyOf(fields);
        Objects.requireNonNull(token, "token");
    }

    public static Credentials ofToken(AccessToken token) {
        return new Credentials(Map.of(), Optional.of(token));
    }

    public static Credentials ofFields(Map<String, String> fields) {
        return new Credentials(fields, Optional.empty());
    }

    public Credentials withToken(AccessToken fresh) {
        return new Credentials(fields, Optional.of(token.map(old -> old.refreshedWith(fresh)).orElse(fresh)));
    }

    @Override
    public String toString() {
        return "Credentials[fields=" + fields.keySet() + ", token=" + token.map(AccessToken::toString).orElse("none") + "]";
    }
}
