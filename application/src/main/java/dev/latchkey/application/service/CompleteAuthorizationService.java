package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthorizationCallback;
import dev.latchkey.application.port.in.AuthorizationOutcome;
import dev.latchkey.application.port.in.CompleteAuthorizationUseCase;
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
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.workspace.AllowedOrigins;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The callback of a scheme that redirects. The state is looked up by its hash and consumed in the
 * same step, so a replayed, expired, unknown or tampered state finds nothing; only then does the
 * scheme complete with the callback parameters its capabilities name (OAuth 2.0's code, with the PKCE
 * verifier kept; OAuth 1.0a's token and verifier, with the request token's secret kept), and only
 * complete credentials are stored.
 */
public final class CompleteAuthorizationService implements CompleteAuthorizationUseCase {
    private final GetConnectorUseCase connectors;
    private final LinkedAccountStorePort accounts;
    private final PendingAuthorizationStorePort pending;
    private final WorkspaceSettingsStorePort workspaceSettings;
    private final AuthSchemes schemes;
    private final ProviderCalls calls;
    private final ConnectionWriter writer;
    private final Clock clock;
    private final String redirectUri;

    public CompleteAuthorizationService(GetConnectorUseCase connectors, LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                        PendingAuthorizationStorePort pending, WorkspaceSettingsStorePort workspaceSettings,
                                        List<AuthSchemePort> schemes, ProviderHttpPort http, Clock clock, String redirectUri,
                                        EventOutboxPort events, TransactionPort transactions) {
        this.connectors = connectors;
        this.accounts = accounts;
        this.pending = pending;
        this.workspaceSettings = workspaceSettings;
        this.schemes = new AuthSchemes(schemes);
        this.calls = new ProviderCalls(http);
        this.writer = new ConnectionWriter(connections, events, transactions);
        this.clock = clock;
        this.redirectUri = redirectUri;
    }

    @Override
    public AuthorizationOutcome complete(AuthorizationCallback callback) {
        Optional<PendingAuthorization> found = callback.state().filter(s -> !s.isBlank() && s.length() <= 512)
                .flatMap(state -> pending.consume(OAuthSecrets.stateHash(state), clock.instant()));
        if (found.isEmpty()) {
            return failure(Optional.empty(), AllowedOrigins.NONE, "state_invalid",
                    "This authorization has expired or was already used. Please start connecting again.");
        }
        PendingAuthorization authorization = found.get();
        AllowedOrigins origins = workspaceSettings.allowedOrigins(authorization.workspaceId());
        if (callback.error().isPresent()) {
            String error = callback.error().get();
            String message = "access_denied".equals(error)
                    ? "Access was not granted, so nothing was connected. You can try again at any time."
                    : "The provider could not authorize the connection (" + error + ")"
                    + callback.errorDescription().map(d -> ": " + d).orElse(".");
            return failure(found, origins, error.matches("[a-z_]{1,64}") ? error : "provider_error", message);
        }
        if (!accounts.exists(authorization.workspaceId(), authorization.accountKey())) {
            return failure(found, origins, "linked_account_not_found", "This account no longer exists.");
        }
        try {
            ConnectorView view = connectors.get(authorization.workspaceId(), authorization.connector());
            if (!view.settings().enabled()) {
                return failure(found, origins, "connector_not_found", view.definition().name() + " is no longer available here.");
            }
            AuthMethod method = view.definition().authMethod(authorization.authType())
                    .orElseThrow(() -> new NotFoundException("connector_not_found", "The connector changed during the authorization."));
            AuthSchemePort scheme = schemes.get(method.type());
            List<String> expected = view.capabilities(method.type()).redirect().map(AuthCapabilities.Redirect::callbackParameters)
                    .orElse(List.of());
            Map<String, String> completing = new HashMap<>();
            for (String name : expected) {
                Optional<String> value = callback.parameter(name).filter(text -> !text.isBlank() && text.length() <= 4096);
                if (value.isEmpty()) {
                    return failure(found, origins, "exchange_failed", "The provider sent no " + name + ". Please try again.");
                }
                completing.put(name, value.get());
            }
            AuthSchemePort.Context context = new AuthSchemePort.Context(view.definition(), method, authorization.params(),
                    view.settings().client());
            AuthSchemePort.Grant grant = scheme.complete(new AuthSchemePort.Completion(context, completing, redirectUri,
                    authorization.kept()));
            Optional<String> identifier = calls.identify(scheme, context, grant.credentials(), grant.tokenValues());
            Connection connection = writer.save(authorization.workspaceId(), authorization.accountId(), authorization.accountKey(), authorization.connector(),
                    method.type(), identifier, authorization.params(), grant, clock.instant(), view.definition().refreshAtLeastEvery());
            return new AuthorizationOutcome(found, Optional.of(connection), Optional.empty(),
                    view.definition().name() + " is connected. You can close this window.", origins);
        } catch (ProviderException e) {
            return failure(found, origins, "exchange_failed", "The provider did not complete the authorization: " + e.getMessage());
        } catch (NotFoundException e) {
            return failure(found, origins, e.code(), e.getMessage());
        }
    }

    private static AuthorizationOutcome failure(Optional<PendingAuthorization> pending, AllowedOrigins origins, String error, String message) {
        return new AuthorizationOutcome(pending, Optional.empty(), Optional.of(error), message, origins);
    }
}
