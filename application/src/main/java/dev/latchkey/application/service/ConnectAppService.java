package dev.latchkey.application.service;

import dev.latchkey.domain.connector.OAuthClient;

import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectAppUseCase;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.PendingAuthorizationStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.workspace.AllowedOrigins;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Connects an app for a linked account. A scheme that redirects (OAuth 2.0, OAuth 1.0a): an
 * authorization in flight is stored under the hash of a fresh 256-bit state, bound to the workspace,
 * account, connector, params, what the scheme keeps for its callback (a PKCE verifier, a request
 * token's secret), mode and return URL, valid for 10 minutes; the customer is sent to the provider.
 * Other schemes: the credentials are obtained from what the customer typed, verified with the
 * provider, labelled, stored.
 */
public final class ConnectAppService implements ConnectAppUseCase {
    static final Duration AUTHORIZATION_LIFETIME = Duration.ofMinutes(10);

    private final GetConnectorUseCase connectors;
    private final LinkedAccountStorePort accounts;
    private final PendingAuthorizationStorePort pending;
    private final WorkspaceSettingsStorePort workspaceSettings;
    private final AuthSchemes schemes;
    private final ProviderCalls calls;
    private final ConnectionWriter writer;
    private final SecureRandom random;
    private final Clock clock;
    private final String redirectUri;

    public ConnectAppService(GetConnectorUseCase connectors, LinkedAccountStorePort accounts, ConnectionStorePort connections,
                             PendingAuthorizationStorePort pending, WorkspaceSettingsStorePort workspaceSettings,
                             List<AuthSchemePort> schemes, ProviderHttpPort http, SecureRandom random, Clock clock, String redirectUri,
                             EventOutboxPort events, TransactionPort transactions) {
        this.connectors = connectors;
        this.accounts = accounts;
        this.pending = pending;
        this.workspaceSettings = workspaceSettings;
        this.schemes = new AuthSchemes(schemes);
        this.calls = new ProviderCalls(http);
        this.writer = new ConnectionWriter(connections, events, transactions);
        this.random = random;
        this.clock = clock;
        this.redirectUri = redirectUri;
    }

    @Override
    public ConnectResult connect(ConnectAppCommand command) {
        LinkedAccount account = accounts.find(command.workspaceId(), command.accountId())
                .orElseThrow(() -> LinkedAccountErrors.notFound(command.accountId()));
        ConnectorView view = connectors.get(command.workspaceId(), command.connector());
        if (!view.settings().enabled()) {
            throw ConnectorErrors.connectorNotFound(command.connector());
        }
        AuthMethod method = Inputs.authMethod(view.definition(), command.authType());
        AuthCapabilities capabilities = view.capabilities(method.type());
        Violations v = new Violations();
        Inputs.checkParams(view.definition(), command.params(), v);
        if (capabilities.redirects()) {
            AllowedOrigins origins = workspaceSettings.allowedOrigins(command.workspaceId());
            if (command.mode() == PendingAuthorization.Mode.REDIRECT && command.returnUrl().isEmpty()) {
                v.add("return_url", "is required in redirect mode: where to send the customer afterwards");
            }
            command.returnUrl().filter(url -> !origins.allows(url) && !url.startsWith(portalBase())).ifPresent(url -> v.add("return_url",
                    "must be under one of the workspace's allowed origins; add its origin with PUT /v1/workspace/settings"));
            if (!command.credentials().isEmpty()) {
                v.add("credentials", "are not used by " + method.type() + ": the customer authorizes at the provider");
            }
            v.throwIfAny();
            return redirect(command, account, view, method, capabilities);
        }
        Inputs.checkFields(capabilities, command.credentials(), v);
        v.throwIfAny();
        AuthSchemePort scheme = schemes.get(method.type());
        AuthSchemePort.Context context = new AuthSchemePort.Context(view.definition(), method, command.params(), view.settings().client());
        AuthSchemePort.Grant grant = scheme.obtain(context, command.credentials());
        calls.verify(scheme, context, grant.credentials(), grant.tokenValues());
        Optional<String> identifier = calls.identify(scheme, context, grant.credentials(), grant.tokenValues());
        return new ConnectResult.Connected(writer.save(command.workspaceId(), account.id(), account.key(), command.connector(), method.type(),
                identifier, command.params(), grant, clock.instant(), view.definition().refreshAtLeastEvery()));
    }

    /** The hosted portal sends its customers back to itself, under Latchkey's own public URL. */
    private String portalBase() {
        return redirectUri.substring(0, redirectUri.length() - "/oauth/callback".length()) + "/portal/";
    }

    private ConnectResult redirect(ConnectAppCommand command, LinkedAccount account, ConnectorView view, AuthMethod method,
                                   AuthCapabilities capabilities) {
        Optional<OAuthClient> client = view.settings().client();
        if (capabilities.workspaceClient() && client.isEmpty()) {
            throw new ConflictException("oauth_client_missing", view.definition().name() + " needs your app at the provider: set "
                    + "client_id and client_secret with PUT /v1/connectors/" + view.definition().slug()
                    + "/settings, registering " + redirectUri + " as its redirect URI.");
        }
        Instant expiresAt = clock.instant().plus(AUTHORIZATION_LIFETIME);
        String state = OAuthSecrets.random(random);
        AuthSchemePort.Context context = new AuthSchemePort.Context(view.definition(), method, command.params(), client);
        AuthSchemePort.Authorization authorization = schemes.get(method.type()).authorize(new AuthSchemePort.AuthorizationRequest(context,
                view.scopesFor(method.type()), redirectUri, state));
        pending.save(new PendingAuthorization(OAuthSecrets.stateHash(state), command.workspaceId(), account.key(), account.id(),
                command.connector(), method.type(), command.params(), authorization.kept(), command.mode(), command.returnUrl(), expiresAt));
        return new ConnectResult.Redirect(authorization.url(), expiresAt);
    }
}
