package dev.latchkey.domain.connector;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an auth scheme does for one auth entry of a connector, as the scheme itself declares it: the
 * only description of a scheme the rest of Latchkey reads (the connect flow, the callback, the
 * refresher, imports, the portal, the API and the SDKs), so none of them knows which scheme it is.
 *
 * @param type             the auth entry's {@code type} ({@code oauth2}, {@code api_key}, {@code oauth1}...)
 * @param label            how a connect UI names it ("OAuth 2.0", "API key")
 * @param redirect         present when connecting sends the customer to the provider and back to the callback
 * @param fields           what the customer types (none for schemes that redirect)
 * @param scopes           the scopes asked for unless the workspace chooses its own
 * @param refreshes        whether the credentials carry something that expires and is renewed without the customer
 * @param refreshMargin    how long before expiry they are renewed, when the connector says (else Latchkey's default)
 * @param tokenBased       whether the credentials are an access token (an import brings the token, not fields)
 * @param importFields     what an import that is not token-based brings (the typed fields; a redirect's stored credentials)
 * @param workspaceClient  whether connecting needs the workspace's app at the provider (its client or consumer key and secret)
 * @param signsBody        whether a request's signature covers its body (the proxy then hands the body over when it has it)
 * @param tokenValues      the names of the values the scheme keeps from the provider's answer (a token response's
 *                         {@code instance_url}...), which templates such as {@code api.base_url} may use like params
 */
public record AuthCapabilities(String type, String label, Optional<Redirect> redirect, List<CredentialField> fields, List<String> scopes,
                               boolean refreshes, Optional<Duration> refreshMargin, boolean tokenBased,
                               List<CredentialField> importFields, boolean workspaceClient, boolean signsBody,
                               List<String> tokenValues) {
    /** A scheme that keeps no value of the provider's answer. */
    public AuthCapabilities(String type, String label, Optional<Redirect> redirect, List<CredentialField> fields, List<String> scopes,
                            boolean refreshes, Optional<Duration> refreshMargin, boolean tokenBased,
                            List<CredentialField> importFields, boolean workspaceClient, boolean signsBody) {
        this(type, label, redirect, fields, scopes, refreshes, refreshMargin, tokenBased, importFields, workspaceClient, signsBody, List.of());
    }

    public AuthCapabilities {
        Names.requireName(type);
        Names.requireText(label, "label");
        Objects.requireNonNull(redirect, "redirect");
        fields = List.copyOf(fields);
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        importFields = List.copyOf(importFields);
        tokenValues = List.copyOf(tokenValues);
        if (redirect.isPresent() && !fields.isEmpty()) {
            throw new IllegalArgumentException("a scheme that redirects asks the customer for no fields");
        }
    }

    /** A scheme signing with what the customer typed, nothing to refresh, no redirect (API keys, basic auth). */
    public static AuthCapabilities typed(String type, String label, List<CredentialField> fields) {
        return new AuthCapabilities(type, label, Optional.empty(), fields, List.of(), false, Optional.empty(), false, fields, false, false);
    }

    public boolean redirects() {
        return redirect.isPresent();
    }

    /**
     * How a redirecting scheme's callback completes.
     *
     * @param callbackParameters the query parameters the provider sends back ({@code code}; {@code oauth_token},
     *                           {@code oauth_verifier}), besides Latchkey's {@code state}
     * @param formTarget         the origin the connect form is sent to (the consent page's), or {@code https:} when only
     *                           known once filled; for a page's Content-Security-Policy
     */
    public record Redirect(List<String> callbackParameters, String formTarget) {
        public Redirect {
            callbackParameters = List.copyOf(callbackParameters);
            Names.requireText(formTarget, "formTarget");
        }
    }
}
