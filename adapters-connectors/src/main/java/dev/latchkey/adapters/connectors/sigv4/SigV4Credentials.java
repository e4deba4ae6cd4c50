package dev.latchkey.adapters.connectors.sigv4;

import java.util.Objects;
import java.util.Optional;

/**
 * An AWS access key pair, with the session token that temporary (STS) credentials carry.
 * {@link #toString()} shows the access key id only: the secret and the token never reach a log.
 */
public record SigV4Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public SigV4Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        if (!accessKeyId.matches("[A-Za-z0-9]{1,128}")) {
            throw new IllegalArgumentException("access_key_id: must be the access key id AWS issued (letters and digits, such as AKIA...)");
        }
        if (secretAccessKey.isBlank() || secretAccessKey.strip().length() != secretAccessKey.length()) {
            throw new IllegalArgumentException("secret_access_key: is required, without surrounding spaces");
        }
        sessionToken = sessionToken.filter(token -> !token.isBlank());
        if (sessionToken.isPresent() && sessionToken.get().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("session_token: must be the token AWS issued, without spaces or line breaks");
        }
    }

    public static SigV4Credentials of(String accessKeyId, String secretAccessKey) {
        return new SigV4Credentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    public static SigV4Credentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new SigV4Credentials(accessKeyId, secretAccessKey, Optional.ofNullable(sessionToken));
    }

    @Override
    public String toString() {
        return "SigV4Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
    }
}
