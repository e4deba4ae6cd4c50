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
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.notionSource;
import static dev.latchkey.application.fakes.TestConnectors.privateSource;
import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static dev.latchkey.application.fakes.TestConnectors.zendeskSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConnectAppServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final String REDIRECT_URI = "https://latchkey.acme.com/oauth/callback";
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug ZENDESK = new ConnectorSlug("zendesk");
    private static final ConnectorSlug NOTION = new ConnectorSlug("notion");
    private static final ConnectorSlug STRIPE = new ConnectorSlug("stripe");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore();
    private final InMemoryWorkspaceSettingsStore workspaceSettings = new InMemoryWorkspaceSettingsStore();
    private final FakeOAuth2Scheme oauth = new FakeOAuth2Scheme();
    private final FakeKeyScheme keys = new FakeKeyScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth, keys);
    private final ScriptedProviderHttp http = new ScriptedProviderHttp();
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(zendeskSource()), read(notionSource()), read(stripeSource())),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false);
    private final ConnectAppService service = new ConnectAppService(directory, accounts, connections, pending, workspaceSettings,
            schemes, http, new SecureRandom(), clock, REDIRECT_URI, outbox, transactions);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId accountId = new LinkedAccountId("cust-42");
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        account = LinkedAccount.create(workspace, accountId, Optional.empty(), Metadata.EMPTY, T0.minus(Duration.ofDays(1)));
        accounts.insert(account);
        workspaceSettings.saveAllowedOrigins(workspace, new AllowedOrigins(List.of("https://app.acme.com")));
        for (ConnectorSlug slug : List.of(SLACK, ZENDESK, NOTION)) {
            directory.configure(new ConfigureConnectorCommand(workspace, slug, Optional.empty(), Optional.of("client-" + slug),
                    Optional.of("secret-" + slug), Optional.empty()));
        }
    }

    private ConnectAppCommand oauthCommand(ConnectorSlug slug, Map<String, String> params, PendingAuthorization.Mode mode,
                                           Optional<String> returnUrl) {
        return new ConnectAppCommand(workspace, accountId, slug, Optional.empty(), params, Map.of(), mode, returnUrl);
    }

    private ConnectAppCommand popup(ConnectorSlug slug) {
        return oauthCommand(slug, Map.of(), PendingAuthorization.Mode.POPUP, Optional.empty());
    }

    private ConnectAppCommand keyCommand(Map<String, String> credentials) {
        return new ConnectAppCommand(workspace, accountId, STRIPE, Optional.of("api_key"), Map.of(), credentials,
                PendingAuthorization.Mode.POPUP, Optional.empty());
    }

    private void scriptStripe(int verifyStatus, String email) {
        http.respondText("GET", "https://api.stripe.com/v1/balance", verifyStatus, verifyStatus == 200 ? "{}" : "{\"error\":\"Invalid API Key\"}");
        http.respondJson("GET", "https://api.stripe.com/v1/account", 200, Map.of("id", "acct_1", "email", email));
    }

    private static List<String> fields(InvalidInputException e) {
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    }

    // --- what every connect checks ---

    @Test
    void an_unknown_linked_account_is_linked_account_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> service.connect(new ConnectAppCommand(workspace,
                new LinkedAccountId("nobody"), SLACK, Optional.empty(), Map.of(), Map.of(), PendingAuthorization.Mode.POPUP, Optional.empty())));

        assertThat(e.code()).isEqualTo("linked_account_not_found");
        assertThat(pending.all()).isEmpty();
    }

    @Test
    void another_workspace_s_account_is_linked_account_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> service.connect(new ConnectAppCommand(WorkspaceId.random(),
                accountId, SLACK, Optional.empty(), Map.of(), Map.of(), PendingAuthorization.Mode.POPUP, Optional.empty())));

        assertThat(e.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void a_disabled_connector_is_connector_not_found() {
        directory.configure(new ConfigureConnectorCommand(workspace, SLACK, Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()));

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> service.connect(popup(SLACK)));

        assertThat(e.code()).isEqualTo("connector_not_found");
        assertThat(pending.all()).isEmpty();
        assertThat(oauth.authorizationRequests()).isEmpty();
    }

    @Test
    void an_unknown_connector_is_connector_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> service.connect(popup(new ConnectorSlug("nope"))));

        assertThat(e.code()).isEqualTo("connector_not_found");
    }

    @Test
    void an_auth_type_the_connector_does_not_offer_is_invalid_on_auth_type() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(new ConnectAppCommand(workspace,
                accountId, SLACK, Optional.of("api_key"), Map.of(), Map.of("api_key", "x"), PendingAuthorization.Mode.POPUP, Optional.empty())));

        assertThat(fields(e)).containsExactly("auth_type");
        assertThat(keys.obtained()).isEmpty();
    }

    // --- OAuth ---

    @Test
    void oauth_without_the_workspace_s_oauth_app_is_oauth_client_missing() {
        ConnectAppService withoutClients = new ConnectAppService(new ConnectorServices(FixedConnectorCatalog.of(read(slackSource())),
                new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false), accounts, connections, pending,
                workspaceSettings, schemes, http, new SecureRandom(), clock, REDIRECT_URI, outbox, transactions);

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> withoutClients.connect(popup(SLACK)));

        assertThat(e.code()).isEqualTo("oauth_client_missing");
        assertThat(e.getMessage()).contains(REDIRECT_URI).contains("/v1/connectors/slack/settings");
        assertThat(pending.all()).isEmpty();
        assertThat(oauth.authorizationRequests()).isEmpty();
    }

    @Test
    void redirect_mode_without_a_return_url_is_invalid_on_return_url() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> service.connect(oauthCommand(SLACK, Map.of(), PendingAuthorization.Mode.REDIRECT, Optional.empty())));

        assertThat(fields(e)).containsExactly("return_url");
        assertThat(pending.all()).isEmpty();
    }

    @Test
    void the_hosted_portal_under_latchkeys_own_url_may_be_the_return_url_and_a_look_alike_may_not() {
        assertThat(service.connect(oauthCommand(SLACK, Map.of(), PendingAuthorization.Mode.REDIRECT,
                Optional.of("https://latchkey.acme.com/portal/apps/slack")))).isInstanceOf(ConnectResult.Redirect.class);
        for (String url : List.of("https://latchkey.acme.com.evil.example/portal/apps/slack", "https://latchkey.acme.com/oauth/other")) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> service.connect(oauthCommand(SLACK, Map.of(), PendingAuthorization.Mode.REDIRECT, Optional.of(url))));
            assertThat(fields(e)).as(url).containsExactly("return_url");
        }
    }

    @Test
    void a_return_url_outside_the_allowed_origins_is_invalid_on_return_url() {
        for (String url : List.of("https://evil.example/cb", "https://app.acme.com.evil.example/cb", "http://app.acme.com/cb",
                "https://user@app.acme.com/cb", "not a url")) {
            for (PendingAuthorization.Mode mode : PendingAuthorization.Mode.values()) {
                InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                        () -> service.connect(oauthCommand(SLACK, Map.of(), mode, Optional.of(url))));

                assertThat(e).as(url + " in " + mode).isNotNull();
                assertThat(fields(e)).as(url).containsExactly("return_url");
            }
        }
        assertThat(pending.all()).isEmpty();
        assertThat(oauth.authorizationRequests()).isEmpty();
    }

    @Test
    void credentials_sent_to_an_oauth_connector_are_invalid() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(new ConnectAppCommand(workspace,
                accountId, SLACK, Optional.empty(), Map.of(), Map.of("api_key", "x"), PendingAuthorization.Mode.POPUP, Optional.empty())));

        assertThat(fields(e)).containsExactly("credentials");
    }

    @Test
    void the_authorization_request_carries_a_state_whose_sha256_hex_is_the_stored_state_hash() throws Exception {
        ConnectResult.Redirect redirect = (ConnectResult.Redirect) service.connect(popup(SLACK));

        AuthSchemePort.AuthorizationRequest request = oauth.lastAuthorizationRequest();
        PendingAuthorization stored = pending.single();
        assertThat(stored.stateHash()).isEqualTo(HexFormat.of().formatHex(sha256(request.state())));
        assertThat(stored.stateHash()).isNotEqualTo(request.state());
        assertThat(Base64.getUrlDecoder().decode(request.state())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(redirect.authorizationUrl().toString()).startsWith("https://slack.com/oauth/v2/authorize?")
                .contains("state=" + request.state());
    }

    @Test
    void what_the_scheme_keeps_for_its_callback_is_stored_with_the_authorization() throws Exception {
        service.connect(popup(SLACK));

        String verifier = pending.single().kept().orElseThrow();
        assertThat(verifier).matches("[A-Za-z0-9_-]{43,128}");
        assertThat(oauth.challenges().getLast()).contains(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier)));
    }

    @Test
    void a_connector_without_pkce_gets_no_challenge_and_stores_no_verifier() {
        service.connect(popup(NOTION));

        assertThat(oauth.challenges().getLast()).isEmpty();
        assertThat(pending.single().kept()).isEmpty();
    }

    @Test
    void the_authorization_request_carries_the_redirect_uri_and_the_workspace_s_oauth_app() {
        service.connect(popup(SLACK));

        AuthSchemePort.AuthorizationRequest request = oauth.lastAuthorizationRequest();
        assertThat(request.redirectUri()).isEqualTo(REDIRECT_URI);
        assertThat(request.context().client()).contains(new OAuthClient("client-slack", "secret-slack"));
        assertThat(request.context().connector().slug()).isEqualTo(SLACK);
    }

    @Test
    void the_connector_default_scopes_are_asked_for_unless_the_workspace_chose_its_own() {
        service.connect(popup(SLACK));
        assertThat(oauth.lastAuthorizationRequest().scopes()).containsExactly("chat:write", "channels:read");

        directory.configure(new ConfigureConnectorCommand(workspace, SLACK, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of("users:read"))));
        service.connect(popup(SLACK));
        assertThat(oauth.lastAuthorizationRequest().scopes()).containsExactly("users:read");
    }

    @Test
    void the_pending_authorization_is_bound_to_account_connector_params_mode_and_return_url_and_expires_after_exactly_ten_minutes() {
        ConnectResult result = service.connect(oauthCommand(ZENDESK, Map.of("subdomain", "acme"), PendingAuthorization.Mode.REDIRECT,
                Optional.of("https://app.acme.com/integrations?done=1")));

        PendingAuthorization stored = pending.single();
        assertThat(stored.workspaceId()).isEqualTo(workspace);
        assertThat(stored.accountId()).isEqualTo(accountId);
        assertThat(stored.accountKey()).isEqualTo(account.key());
        assertThat(stored.connector()).isEqualTo(ZENDESK);
        assertThat(stored.authType()).isEqualTo("oauth2");
        assertThat(stored.params()).isEqualTo(Map.of("subdomain", "acme"));
        assertThat(stored.mode()).isEqualTo(PendingAuthorization.Mode.REDIRECT);
        assertThat(stored.returnUrl()).contains("https://app.acme.com/integrations?done=1");
        assertThat(stored.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(result).isInstanceOf(ConnectResult.Redirect.class);
        ConnectResult.Redirect redirect = (ConnectResult.Redirect) result;
        assertThat(redirect.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(redirect.authorizationUrl().getHost()).isEqualTo("acme.zendesk.com");
    }

    @Test
    void each_connect_gets_a_fresh_state_and_verifier() {
        service.connect(popup(SLACK));
        service.connect(popup(SLACK));

        List<AuthSchemePort.AuthorizationRequest> requests = oauth.authorizationRequests();
        assertThat(requests.get(0).state()).isNotEqualTo(requests.get(1).state());
        assertThat(oauth.challenges().get(0)).isNotEqualTo(oauth.challenges().get(1));
        assertThat(pending.all()).hasSize(2);
    }

    // --- params ---

    @Test
    void an_unknown_param_is_a_violation_named_after_it() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(
                oauthCommand(ZENDESK, Map.of("subdomain", "acme", "region", "eu"), PendingAuthorization.Mode.POPUP, Optional.empty())));

        assertThat(fields(e)).containsExactly("params.region");
        assertThat(pending.all()).isEmpty();
    }

    @Test
    void a_missing_required_param_is_a_violation_named_after_it() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(popup(ZENDESK)));

        assertThat(fields(e)).containsExactly("params.subdomain");
        assertThat(e.violations().get(0).message()).contains("Zendesk subdomain");
    }

    @Test
    void a_param_that_does_not_match_its_pattern_in_full_never_reaches_a_url() {
        for (String value : List.of("evil.com/x", "acme.evil.com", "ACME", "acme\n", "-acme")) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(
                    oauthCommand(ZENDESK, Map.of("subdomain", value), PendingAuthorization.Mode.POPUP, Optional.empty())));

            assertThat(e).as(value).isNotNull();
            assertThat(fields(e)).as(value).containsExactly("params.subdomain");
        }
        assertThat(oauth.authorizationRequests()).isEmpty();
    }

    @Test
    void all_problems_are_reported_at_once() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(
                oauthCommand(ZENDESK, Map.of("region", "eu"), PendingAuthorization.Mode.REDIRECT, Optional.empty())));

        assertThat(fields(e)).containsExactlyInAnyOrder("params.region", "params.subdomain", "return_url");
    }

    // --- key-based ---

    @Test
    void a_missing_credential_field_is_a_violation_named_after_it() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(keyCommand(Map.of())));

        assertThat(fields(e)).containsExactly("credentials.api_key");
        assertThat(keys.obtained()).isEmpty();
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void a_blank_credential_field_counts_as_missing() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.connect(keyCommand(Map.of("api_key", "  "))));

        assertThat(fields(e)).containsExactly("credentials.api_key");
    }

    @Test
    void an_unknown_credential_field_is_a_violation_named_after_it() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> service.connect(keyCommand(Map.of("api_key", "sk_test_1", "password", "x"))));

        assertThat(fields(e)).containsExactly("credentials.password");
        assertThat(keys.obtained()).isEmpty();
    }

    @Test
    void a_key_the_provider_rejects_on_verification_is_rejected_and_nothing_is_stored() {
        scriptStripe(401, "billing@acme.com");

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> service.connect(keyCommand(Map.of("api_key", "sk_bad"))));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
        assertThat(e.providerError()).isEqualTo("credentials_rejected");
        assertThat(e.getMessage()).contains("Stripe").contains("401").contains("Invalid API Key").doesNotContain("sk_bad");
        assertThat(connections.all()).isEmpty();
        assertThat(http.requests()).extracting(r -> r.uri().getPath()).containsExactly("/v1/balance");
    }

    @Test
    void a_provider_failing_on_verification_is_unavailable_and_nothing_is_stored() {
        scriptStripe(503, "billing@acme.com");

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> service.connect(keyCommand(Map.of("api_key", "sk_test_1"))));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void a_scheme_that_cannot_obtain_credentials_stores_nothing_and_calls_no_api() {
        keys.failWith(ProviderException.Kind.REJECTED);

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> service.connect(keyCommand(Map.of("api_key", "sk_test_1"))));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
        assertThat(connections.all()).isEmpty();
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void a_verified_key_is_stored_as_an_active_connection_labelled_by_the_identity_request() {
        scriptStripe(200, "billing@acme.com");

        ConnectResult result = service.connect(keyCommand(Map.of("api_key", "sk_test_1")));

        assertThat(result).isInstanceOf(ConnectResult.Connected.class);
        Connection connection = ((ConnectResult.Connected) result).connection();
        assertThat(connection.connector()).isEqualTo(STRIPE);
        assertThat(connection.authType()).isEqualTo("api_key");
        assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(connection.identifier()).contains("billing@acme.com");
        assertThat(connection.accountKey()).isEqualTo(account.key());
        assertThat(connection.workspaceId()).isEqualTo(workspace);
        assertThat(connection.credentials().fields()).isEqualTo(Map.of("api_key", "sk_test_1"));
        assertThat(connection.createdAt()).isEqualTo(T0);
        assertThat(connections.all()).containsExactly(connection);
        assertThat(pending.all()).isEmpty();
    }

    @Test
    void verification_and_identity_requests_are_signed_by_the_scheme_and_go_to_the_api_base() {
        scriptStripe(200, "billing@acme.com");

        service.connect(keyCommand(Map.of("api_key", "sk_test_1")));

        assertThat(http.requests()).extracting(r -> r.method() + " " + r.uri())
                .containsExactly("GET https://api.stripe.com/v1/balance", "GET https://api.stripe.com/v1/account");
        for (ProviderRequest request : http.requests()) {
            assertThat(request.headers()).containsEntry("Authorization", "Bearer sk_test_1").containsEntry("Accept", "application/json");
        }
    }

    @Test
    void a_failing_identity_request_leaves_the_connection_unlabelled_but_stored() {
        http.respondText("GET", "https://api.stripe.com/v1/balance", 200, "{}");
        http.fail("GET", "https://api.stripe.com/v1/account", ProviderException.unavailable("timeout"));

        Connection connection = ((ConnectResult.Connected) service.connect(keyCommand(Map.of("api_key", "sk_test_1")))).connection();

        assertThat(connection.identifier()).isEmpty();
        assertThat(connections.all()).hasSize(1);
    }

    @Test
    void connecting_the_same_identity_again_updates_that_connection() {
        scriptStripe(200, "billing@acme.com");
        Connection first = ((ConnectResult.Connected) service.connect(keyCommand(Map.of("api_key", "sk_test_1")))).connection();
        clock.advance(Duration.ofHours(1));

        Connection second = ((ConnectResult.Connected) service.connect(keyCommand(Map.of("api_key", "sk_test_2")))).connection();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.credentials().fields()).containsEntry("api_key", "sk_test_2");
        assertThat(second.createdAt()).isEqualTo(T0);
        assertThat(second.updatedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(connections.all()).containsExactly(second);
    }

    @Test
    void connecting_another_identity_adds_a_second_connection() {
        scriptStripe(200, "billing@acme.com");
        Connection first = ((ConnectResult.Connected) service.connect(keyCommand(Map.of("api_key", "sk_test_1")))).connection();
        scriptStripe(200, "ops@acme.com");

        Connection second = ((ConnectResult.Connected) service.connect(keyCommand(Map.of("api_key", "sk_test_2")))).connection();

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(connections.all()).extracting(c -> c.identifier().orElseThrow()).containsExactly("billing@acme.com", "ops@acme.com");
    }

    @Test
    void a_private_connector_connects_with_its_params_and_optional_fields() {
        ConnectorSlug crm = new ConnectorSlug("acme-crm");
        directory.create(workspace, privateSource("acme-crm"));

        Connection connection = ((ConnectResult.Connected) service.connect(new ConnectAppCommand(workspace, accountId, crm, Optional.empty(),
                Map.of("account", "acme"), Map.of("api_key", "k-1"), PendingAuthorization.Mode.POPUP, Optional.empty()))).connection();

        assertThat(connection.params()).isEqualTo(Map.of("account", "acme"));
        assertThat(connection.identifier()).isEmpty();
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void an_optional_param_cannot_be_used_in_a_url_so_such_a_definition_is_refused_naming_the_url() {
        Map<String, Object> source = new java.util.LinkedHashMap<>(privateSource("acme-crm"));
        source.put("params", List.of(Map.of("name", "account", "label", "Account", "pattern", "[a-z]{2,20}", "required", false)));
        source.put("verify", Map.of("method", "GET", "path", "/me"));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> directory.create(workspace, source));

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(FieldViolation::field).contains("api.base_url");
    }
}
