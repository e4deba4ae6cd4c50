package dev.latchkey.adapters.web.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The console's OpenID Connect relying party, on Nimbus's OAuth 2.0 / OIDC SDK: discovery, the
 * authorization code flow with PKCE (S256), state and nonce, the ID token checked (signature against
 * the provider's JWKS, issuer, audience, expiry, nonce), and RP-initiated logout when the provider's
 * discovery document has an {@code end_session_endpoint}. The discovery document is read on first use
 * and kept; a provider that is away at start-up does not stop Latchkey, the sign-in page says so.
 */
@Singleton
@Requires(beans = ConsoleOidcSettings.class)
public class ConsoleOidcClient {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;

    private final ConsoleOidcSettings settings;
    private final URI redirectUri;
    private final URI signedOutUri;
    private volatile Provider provider;

    public ConsoleOidcClient(ConsoleOidcSettings settings, PublicUrl publicUrl) {
        this.settings = settings;
        this.redirectUri = URI.create(publicUrl.base() + ConsolePaths.CALLBACK);
        this.signedOutUri = URI.create(publicUrl.base() + ConsolePaths.SIGNED_OUT);
    }

    /** The redirect URI to register at the identity provider. */
    public URI redirectUri() {
        return redirectUri;
    }

    /** What one sign-in needs to remember until the provider sends the browser back. */
    public record Started(URI authorizationUri, PendingSignIn pending) {
    }

    /** Where to send the browser to sign in, and the secrets (state, nonce, PKCE verifier) to check its return with. */
    public Started start() {
        Provider op = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI uri = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile", "email"), new ClientID(settings.clientId()),
                redirectUri)
                .endpointURI(op.metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Started(uri, new PendingSignIn(state.getValue(), nonce.getValue(), verifier.getValue()));
    }

    /** Who signed in: the ID token's subject, a name to show, and the groups of the roles claim. */
    public record SignedIn(String subject, String displayName, List<String> groups, String idToken) {
        @Override
        public String toString() {
            return "SignedIn[subject=" + subject + ", groups=" + groups + "]";
        }
    }

    /**
     * Exchanges the code (with the PKCE verifier) and checks the ID token, its nonce included.
     * The caller has checked the state already.
     */
    public SignedIn finish(String code, PendingSignIn pending) {
        Provider op = provider();
        TokenRequest request = new TokenRequest(op.metadata.getTokenEndpointURI(), op.clientAuthentication,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(pending.codeVerifier())));
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                throw new ConsoleSignInException("The identity provider refused the sign-in: " + error.getCode()
                        + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"), false);
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            IDTokenClaimsSet claims = op.validator.validate(idToken, new Nonce(pending.nonce()));
            return new SignedIn(claims.getSubject().getValue(), displayName(claims), groups(claims.getClaim(settings.rolesClaim())),
                    idToken.serialize());
        } catch (IOException e) {
            throw new ConsoleSignInException("The identity provider did not answer the token request: " + e.getMessage(), true);
        } catch (ParseException e) {
            throw new ConsoleSignInException("The identity provider's token response could not be read: " + e.getMessage(), false);
        } catch (BadJOSEException | JOSEException e) {
            throw new ConsoleSignInException("The ID token was refused: " + e.getMessage(), false);
        }
    }

    /** The provider's end-session URL (RP-initiated logout), when its discovery document has one. */
    public Optional<URI> endSession(String idToken) {
        Provider op = provider;
        if (op == null || op.metadata.getEndSessionEndpointURI() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogoutRequest(op.metadata.getEndSessionEndpointURI(), com.nimbusds.jwt.JWTParser.parse(idToken),
                    signedOutUri, new State()).toURI());
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    /** The provider's origin (scheme, host, port): the console's pages may lead a form to it (sign-out). */
    public Optional<String> providerOrigin() {
        Provider op = provider;
        if (op == null || op.metadata.getEndSessionEndpointURI() == null) {
            return Optional.empty();
        }
        URI end = op.metadata.getEndSessionEndpointURI();
        return Optional.of(end.getScheme() + "://" + end.getRawAuthority());
    }

    private Provider provider() {
        Provider known = provider;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (provider == null) {
                provider = discover();
            }
            return provider;
        }
    }

    private record Provider(OIDCProviderMetadata metadata, ClientAuthentication clientAuthentication, IDTokenValidator validator) {
    }

    private Provider discover() {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
            throw new ConsoleSignInException("The identity provider's discovery document (" + settings.issuer()
                    + "/.well-known/openid-configuration) could not be read: " + e.getMessage(), true);
        }
        ClientID client = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        ClientAuthentication authentication = methods == null || methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                || !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretBasic(client, secret) : new ClientSecretPost(client, secret);
        List<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs() == null ? List.of() : metadata.getIDTokenJWSAlgs();
        JWSAlgorithm algorithm = algorithms.contains(JWSAlgorithm.RS256) || algorithms.isEmpty() ? JWSAlgorithm.RS256 : algorithms.getFirst();
        IDTokenValidator validator;
        try {
            validator = JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
                    ? new IDTokenValidator(metadata.getIssuer(), client, algorithm, secret)
                    : new IDTokenValidator(metadata.getIssuer(), client, algorithm, metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new ConsoleSignInException("The identity provider's jwks_uri is not a URL: " + e.getMessage(), true);
        }
        return new Provider(metadata, authentication, validator);
    }

    private static String displayName(IDTokenClaimsSet claims) {
        for (String claim : List.of("name", "preferred_username", "email")) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return claims.getSubject().getValue();
    }

    /** A roles claim is a list of strings (most providers) or one string. */
    static List<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (claim instanceof String one && !one.isBlank()) {
            return List.of(one);
        }
        return List.of();
    }
}
