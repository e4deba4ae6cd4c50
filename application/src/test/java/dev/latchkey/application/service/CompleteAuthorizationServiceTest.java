package dev.latchkey.application.service;

import dev.latchkey.domain.connector.OAuthClient;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPendingAuthorizationStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryWorkspaceSettingsStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedProviderHttp;
import dev.latchkey.application.port.in.AuthorizationCallback;
import dev.latchkey.application.port.in.AuthorizationOutcome;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.zendeskSource;
import static org.assertj.core.api.Assertions.assertThat;

class CompleteAuthorizationServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final String REDIRECT_URI = "https://latchkey.acme.com/oauth/callback";
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug ZENDESK = new ConnectorSlug("zendesk");
    private static final AllowedOrigins ORIGINS = new AllowedOrigins(List.of("https://app.acme.com"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore().cascadingTo(connections);
    private final InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore();
    private final InMemoryWorkspaceSettingsStore workspaceSettings = new InMemoryWorkspaceSettingsStore();
    private final InMemoryPrivateConnectorStore privates = new InMemoryPrivateConnectorStore();
    private final FakeOAuth2Scheme oauth = new FakeOAuth2Scheme().returning(Map.of("team_id", "T1"), List.of("chat:write"));
    private final List<AuthSchemePort> schemes = List.of(oauth, new FakeKeyScheme());
    private final ScriptedProviderHttp http = new ScriptedProviderHttp();
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(zendeskSource())), privates, new InMemoryConnectorSettingsStore(), schemes, false);
    private final ConnectAppService connect = new ConnectAppService(directory, accounts, connections, pending, workspaceSettings,
            schemes, http, new SecureRandom(), clock, REDIRECT_URI, outbox, transactions);
    private final CompleteAuthorizationService service = new CompleteAuthorizationService(directory, accounts, connections, pending,
            workspaceSettings, schemes, http, clock, REDIRECT_URI, outbox, transactions);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId accountId = new LinkedAccountId("cust-42");
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        account = LinkedAccount.create(workspace, accountId, Optional.empty(), Metadata.EMPTY, T0.minus(Duration.ofDays(1)));
        accounts.insert(account);
        workspaceSettings.saveAllowedOrigins(workspace, ORIGINS);
        for (ConnectorSlug slug : List.of(SLACK, ZENDESK)) {
            configureClient(slug);
        }
    }

    private void configureClient(ConnectorSlug slug) {
        directory.configure(new ConfigureConnectorCommand(workspace, slug, Optional.empty(), Optional.of("client-" + slug),
                Optional.of("secret-" + slug), Optional.empty()));
    }

    /** Starts connecting in popup mode; returns the state the provider would send back. */
    private String start(ConnectorSlug slug, Map<String, String> params) {
        return start(slug, params, PendingAuthorization.Mode.POPUP, Optional.empty());
    }

    private String start(ConnectorSlug slug, Map<String, String> params, PendingAuthorization.Mode mode, Optional<String> returnUrl) {
        connect.connect(new ConnectAppCommand(workspace, accountId, slug, Optional.empty(), params, Map.of(), mode, returnUrl));
        return oauth.lastAuthorizationRequest().state();
    }

    private static AuthorizationCallback code(String state, String code) {
        return new AuthorizationCallback(Map.of("state", state, "code", code));
    }

    private static AuthorizationCallback error(String state, String error, Optional<String> description) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("state", state, "error", error));
        description.ifPresent(d -> parameters.put("error_description", d));
        return new AuthorizationCallback(parameters);
    }

    private void slackIdentity(String team) {
        http.respondJson("GET", "https://slack.com/api/auth.test", 200, Map.of("ok", true, "team", team));
    }

    private void assertFailed(AuthorizationOutcome outcome, String error) {
        assertThat(outcome.connected()).isFalse();
        assertThat(outcome.connection()).isEmpty();
        assertThat(outcome.error()).contains(error);
        assertThat(outcome.message()).isNotBlank();
        assertThat(connections.all()).isEmpty();
    }

    // --- success ---

    @Test
    void a_valid_callback_stores_the_connection_with_the_tokens_and_token_values() {
        String state = start(SLACK, Map.of());
        slackIdentity("Acme HQ");

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        assertThat(outcome.connected()).isTrue();
        assertThat(outcome.error()).isEmpty();
        assertThat(outcome.message()).contains("Slack is connected");
        Connection connection = outcome.connection().orElseThrow();
        assertThat(connections.all()).containsExactly(connection);
        assertThat(connection.connector()).isEqualTo(SLACK);
        assertThat(connection.authType()).isEqualTo("oauth2");
        assertThat(connection.accountKey()).isEqualTo(account.key());
        assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(connection.identifier()).contains("Acme HQ");
        assertThat(connection.tokenValues()).isEqualTo(Map.of("team_id", "T1"));
        assertThat(connection.scopes()).containsExactly("chat:write");
        AccessToken token = connection.credentials().token().orElseThrow();
        assertThat(token.value()).isEqualTo("token-for-code-1");
        assertThat(token.refreshToken()).contains("refresh-for-code-1");
        assertThat(connection.createdAt()).isEqualTo(T0);
    }

    @Test
    void the_code_is_exchanged_with_the_redirect_uri_the_pkce_verifier_and_the_workspace_s_oauth_app() {
        String state = start(SLACK, Map.of());
        String verifier = pending.single().kept().orElseThrow();
        slackIdentity("Acme HQ");

        service.complete(code(state, "code-1"));

        AuthSchemePort.Completion exchange = oauth.exchanges().get(0);
        assertThat(exchange.callback()).containsExactlyEntriesOf(Map.of("code", "code-1"));
        assertThat(exchange.redirectUri()).isEqualTo(REDIRECT_URI);
        assertThat(exchange.kept()).contains(verifier);
        assertThat(exchange.context().client()).contains(new OAuthClient("client-slack", "secret-slack"));
        assertThat(http.lastRequest().headers()).containsEntry("Authorization", "Bearer token-for-code-1");
    }

    @Test
    void the_outcome_carries_the_allowed_origins_and_the_pending_authorization_with_mode_and_return_url() {
        String state = start(SLACK, Map.of(), PendingAuthorization.Mode.REDIRECT, Optional.of("https://app.acme.com/apps?x=1"));
        slackIdentity("Acme HQ");

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        assertThat(outcome.allowedOrigins()).isEqualTo(ORIGINS);
        PendingAuthorization completed = outcome.pending().orElseThrow();
        assertThat(completed.mode()).isEqualTo(PendingAuthorization.Mode.REDIRECT);
        assertThat(completed.returnUrl()).contains("https://app.acme.com/apps?x=1");
        assertThat(completed.connector()).isEqualTo(SLACK);
        assertThat(completed.accountId()).isEqualTo(accountId);
    }

    @Test
    void the_params_of_the_connect_reach_the_identity_request_and_the_connection() {
        String state = start(ZENDESK, Map.of("subdomain", "acme"));
        http.respondJson("GET", "https://acme.zendesk.com/api/v2/users/me.json", 200, Map.of("user", Map.of("email", "agent@acme.com")));

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        Connection connection = outcome.connection().orElseThrow();
        assertThat(connection.params()).isEqualTo(Map.of("subdomain", "acme"));
        assertThat(connection.identifier()).contains("agent@acme.com");
        assertThat(oauth.exchanges().get(0).context().params()).isEqualTo(Map.of("subdomain", "acme"));
    }

    @Test
    void authorizing_the_same_identity_again_updates_the_connection() {
        slackIdentity("Acme HQ");
        Connection first = service.complete(code(start(SLACK, Map.of()), "code-1")).connection().orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        Connection second = service.complete(code(start(SLACK, Map.of()), "code-2")).connection().orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.credentials().token().orElseThrow().value()).isEqualTo("token-for-code-2");
        assertThat(connections.all()).containsExactly(second);
    }

    @Test
    void a_callback_one_second_before_expiry_still_connects() {
        String state = start(SLACK, Map.of());
        slackIdentity("Acme HQ");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        assertThat(service.complete(code(state, "code-1")).connected()).isTrue();
    }

    // --- state ---

    @Test
    void an_unknown_state_is_state_invalid_and_nothing_is_exchanged() {
        start(SLACK, Map.of());

        AuthorizationOutcome outcome = service.complete(code("not-the-state", "code-1"));

        assertFailed(outcome, "state_invalid");
        assertThat(outcome.pending()).isEmpty();
        assertThat(outcome.allowedOrigins()).isEqualTo(AllowedOrigins.NONE);
        assertThat(oauth.exchanges()).isEmpty();
        assertThat(pending.all()).hasSize(1);
    }

    @Test
    void a_tampered_state_is_state_invalid() {
        String state = start(SLACK, Map.of());
        String tampered = (state.charAt(0) == 'A' ? 'B' : 'A') + state.substring(1);

        assertFailed(service.complete(code(tampered, "code-1")), "state_invalid");
        assertThat(oauth.exchanges()).isEmpty();
    }

    @Test
    void a_missing_blank_or_oversized_state_is_state_invalid() {
        start(SLACK, Map.of());

        for (Optional<String> state : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "), Optional.of("x".repeat(513)))) {
            Map<String, String> parameters = new java.util.HashMap<>(Map.of("code", "code-1"));
            state.ifPresent(s -> parameters.put("state", s));
            AuthorizationOutcome outcome = service.complete(new AuthorizationCallback(parameters));
            assertFailed(outcome, "state_invalid");
        }
        assertThat(oauth.exchanges()).isEmpty();
    }

    @Test
    void a_replayed_state_is_state_invalid_the_second_time() {
        String state = start(SLACK, Map.of());
        slackIdentity("Acme HQ");
        Connection first = service.complete(code(state, "code-1")).connection().orElseThrow();

        AuthorizationOutcome replay = service.complete(code(state, "code-2"));

        assertThat(replay.error()).contains("state_invalid");
        assertThat(replay.pending()).isEmpty();
        assertThat(oauth.exchanges()).hasSize(1);
        assertThat(connections.all()).containsExactly(first);
    }

    @Test
    void a_state_expired_after_exactly_ten_minutes_is_state_invalid_and_is_gone() {
        String state = start(SLACK, Map.of());
        clock.advance(Duration.ofMinutes(10));

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        assertFailed(outcome, "state_invalid");
        assertThat(outcome.message()).contains("expired");
        assertThat(oauth.exchanges()).isEmpty();
        assertThat(pending.all()).isEmpty();
    }

    // --- provider errors ---

    @Test
    void access_denied_is_an_access_denied_outcome_with_a_human_message_and_nothing_stored() {
        String state = start(SLACK, Map.of());

        AuthorizationOutcome outcome = service.complete(error(state, "access_denied", Optional.of("The user denied")));

        assertFailed(outcome, "access_denied");
        assertThat(outcome.message()).contains("Access was not granted");
        assertThat(outcome.pending()).isPresent();
        assertThat(outcome.allowedOrigins()).isEqualTo(ORIGINS);
        assertThat(oauth.exchanges()).isEmpty();
    }

    @Test
    void the_state_of_a_denied_authorization_cannot_be_used_again() {
        String state = start(SLACK, Map.of());
        service.complete(error(state, "access_denied", Optional.empty()));

        assertFailed(service.complete(code(state, "code-1")), "state_invalid");
        assertThat(oauth.exchanges()).isEmpty();
    }

    @Test
    void another_provider_error_keeps_its_code_and_description() {
        String state = start(SLACK, Map.of());

        AuthorizationOutcome outcome = service.complete(error(state, "invalid_scope", Optional.of("chat:write is not allowed")));

        assertFailed(outcome, "invalid_scope");
        assertThat(outcome.message()).contains("invalid_scope").contains("chat:write is not allowed");
    }

    @Test
    void a_provider_error_that_is_not_a_plain_code_becomes_provider_error() {
        String state = start(SLACK, Map.of());

        AuthorizationOutcome outcome = service.complete(error(state, "<script>alert(1)</script>", Optional.empty()));

        assertFailed(outcome, "provider_error");
    }

    @Test
    void a_callback_without_a_code_is_exchange_failed() {
        String state = start(SLACK, Map.of());

        AuthorizationOutcome outcome = service.complete(new AuthorizationCallback(Map.of("state", state, "code", " ")));

        assertFailed(outcome, "exchange_failed");
        assertThat(oauth.exchanges()).isEmpty();
    }

    @Test
    void a_rejected_code_exchange_is_exchange_failed_and_nothing_is_stored() {
        String state = start(SLACK, Map.of());
        oauth.failWith(ProviderException.Kind.REJECTED);

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        assertFailed(outcome, "exchange_failed");
        assertThat(outcome.message()).contains("refused the grant");
        assertThat(outcome.pending()).isPresent();
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void an_unreachable_token_endpoint_is_exchange_failed_and_nothing_is_stored() {
        String state = start(SLACK, Map.of());
        oauth.failWith(ProviderException.Kind.UNAVAILABLE);

        assertFailed(service.complete(code(state, "code-1")), "exchange_failed");
    }

    // --- what changed meanwhile ---

    @Test
    void an_account_deleted_meanwhile_is_linked_account_not_found_and_nothing_is_exchanged() {
        String state = start(SLACK, Map.of());
        accounts.delete(workspace, accountId);

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        assertFailed(outcome, "linked_account_not_found");
        assertThat(oauth.exchanges()).isEmpty();
    }

    @Test
    void an_account_deleted_and_created_again_under_the_same_id_does_not_receive_the_connection() {
        String state = start(SLACK, Map.of());
        accounts.delete(workspace, accountId);
        accounts.insert(LinkedAccount.create(workspace, accountId, Optional.empty(), Metadata.EMPTY, T0));

        assertFailed(service.complete(code(state, "code-1")), "linked_account_not_found");
    }

    @Test
    void a_private_connector_deleted_meanwhile_is_connector_not_found() {
        Map<String, Object> source = new LinkedHashMap<>(slackSource());
        source.put("slug", "team-chat");
        directory.create(workspace, source);
        configureClient(new ConnectorSlug("team-chat"));
        String state = start(new ConnectorSlug("team-chat"), Map.of());
        directory.delete(workspace, new ConnectorSlug("team-chat"));

        AuthorizationOutcome outcome = service.complete(code(state, "code-1"));

        assertFailed(outcome, "connector_not_found");
        assertThat(oauth.exchanges()).isEmpty();
    }
}
