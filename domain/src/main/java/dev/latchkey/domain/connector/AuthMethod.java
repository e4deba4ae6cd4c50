package dev.latchkey.domain.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One way a customer can authenticate to a connector. The closed set of declarative kinds, plus
 * {@link Custom} for a scheme implemented by its own class (GitHub App JWTs...).
 */
public sealed interface AuthMethod {
    String OAUTH2 = "oauth2";
    String OAUTH2_CLIENT_CREDENTIALS = "oauth2_client_credentials";
    String API_KEY = "api_key";
    String BASIC = "basic";

    /** The name callers use: {@code oauth2}, {@code api_key}, {@code github_app}... */
    String type();

    /**
     * The fields the entry declares for the customer to type; empty for the authorization-code grant. What a scheme
     * actually asks for, and everything else it does, is its {@link AuthCapabilities}.
     */
    List<CredentialField> fields();

    /** Between scopes: never empty (scopes would run together), whitespace allowed (a space is the OAuth default). */
    private static void requireSeparator(String scopeSeparator) {
        Objects.requireNonNull(scopeSeparator, "scopeSeparator");
        if (scopeSeparator.isEmpty()) {
            throw new IllegalArgumentException("scope_separator must not be empty; a space is the default");
        }
    }

    enum ClientAuth { BASIC, BODY }

    enum Placement { HEADER, QUERY }

    /** Where an OAuth access token goes on API requests: {@code Authorization: Bearer {access_token}} unless declared. */
    record TokenPlacement(String header, Template format) {
        public static final TokenPlacement BEARER = new TokenPlacement("Authorization", new Template("Bearer {access_token}"));

        public TokenPlacement {
            Names.requireText(header, "token_header");
            Objects.requireNonNull(format, "token_format");
        }
    }

    record OAuth2AuthorizationCode(Template authorizationUrl, Template tokenUrl, Optional<Template> revocationUrl,
                                   List<String> scopes, String scopeSeparator, boolean pkce, ClientAuth clientAuth,
                                   Map<String, String> authorizationParams, Map<String, String> tokenParams,
                                   Map<String, String> tokenResponse, Optional<Duration> refreshMargin,
                                   TokenPlacement tokenPlacement) implements AuthMethod {
        public OAuth2AuthorizationCode {
            Objects.requireNonNull(tokenPlacement, "tokenPlacement");
            Objects.requireNonNull(authorizationUrl, "authorizationUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(revocationUrl, "revocationUrl");
            scopes = List.copyOf(scopes);
            requireSeparator(scopeSeparator);
            Objects.requireNonNull(clientAuth, "clientAuth");
            authorizationParams = Map.copyOf(authorizationParams);
            tokenParams = Map.copyOf(tokenParams);
            tokenResponse = Map.copyOf(tokenResponse);
            Objects.requireNonNull(refreshMargin, "refreshMargin");
        }

        @Override
        public String type() {
            return OAUTH2;
        }

        @Override
        public List<CredentialField> fields() {
            return List.of();
        }
    }

    record OAuth2ClientCredentials(Template tokenUrl, List<String> scopes, String scopeSeparator, ClientAuth clientAuth,
                                   Map<String, String> tokenParams, Optional<Duration> refreshMargin,
                                   TokenPlacement tokenPlacement) implements AuthMethod {
        public static final List<CredentialField> CLIENT_FIELDS = List.of(
                new CredentialField("client_id", "Client ID", false, true, Optional.empty()),
                new CredentialField("client_secret", "Client secret", true, true, Optional.empty()));

        public OAuth2ClientCredentials {
            Objects.requireNonNull(tokenPlacement, "tokenPlacement");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            scopes = List.copyOf(scopes);
            requireSeparator(scopeSeparator);
            Objects.requireNonNull(clientAuth, "clientAuth");
            tokenParams = Map.copyOf(tokenParams);
            Objects.requireNonNull(refreshMargin, "refreshMargin");
        }

        @Override
        public String type() {
            return OAUTH2_CLIENT_CREDENTIALS;
        }

        @Override
        public List<CredentialField> fields() {
            return CLIENT_FIELDS;
        }
    }

    record ApiKey(List<CredentialField> fields, Placement placement, String name, Template format) implements AuthMethod {
        public ApiKey {
            fields = List.copyOf(fields);
            Objects.requireNonNull(placement, "placement");
            Names.requireText(name, "name");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String type() {
            return API_KEY;
        }
    }

    record Basic(List<CredentialField> fields, Template username, Template password) implements AuthMethod {
        public Basic {
            fields = List.copyOf(fields);
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String type() {
            return BASIC;
        }
    }

    /** A scheme that needs code; {@code settings} are the definition's other keys, for that code to read. */
    record Custom(String type, List<CredentialField> fields, Map<String, Object> settings) implements AuthMethod {
        public Custom {
            Names.requireName(type);
            fields = List.copyOf(fields);
            settings = Map.copyOf(settings);
        }
    }
}
