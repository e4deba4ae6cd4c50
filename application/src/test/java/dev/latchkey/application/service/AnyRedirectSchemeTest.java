package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPendingAuthorizationStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryWorkspaceSettingsStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedProviderHttp;
import dev.latchkey.application.port.in.AuthorizationCallback;
import dev.latchkey.application.port.in.AuthorizationOutcome;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connect flow and the callback know no scheme by name: a redirecting scheme they have never heard of
 * (its callback completes with {@code ticket} and {@code verifier}) connects through them as OAuth 2.0 does.
 */
class AnyRedirectSchemeTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final String REDIRECT_URI = "https://latchkey.acme.com/oauth/callback";
    private static final ConnectorSlug ACME = new ConnectorSlug("acme");

    /** A scheme of its own: keeps a secret per authorization, completes with two parameters of its own naming. */
    static final class TicketScheme implements AuthSchemePort {
        final List<Completion> completions = new ArrayList<>();
        String lastState;

        @Override
        public String type() {
            return "ticket";
        }

        @Override
        public AuthCapabilities capabilities(AuthMethod method) {
            return new AuthCapabilities("ticket", "Ticket", Optional.of(new AuthCapabilities.Redirect(List.of("ticket", "verifier"),
                    "https://acme.example")), List.of(), List.of(), false, Optional.empty(), false, List.of(), true, false);
        }

        @Override
        public Authorization authorize(AuthorizationRequest request) {
            lastState = request.state();
            return new Authorization(URI.create("https://acme.example/consent?ticket=t-1"), Optional.of("kept-for-" + request.state()));
        }

        @Override
        public Grant complete(Completion completion) {
            completions.add(completion);
            return new Grant(Credentials.ofFields(Map.of("ticket_secret", "s-1")), Map.of(), List.of());
        }

        @Override
        public Optional<Grant> refresh(Context context, Credentials current) {
            return Optional.empty();
        }

        @Override
        public void revoke(Context context, Credentials current) {
        }

        @Override
        public Signature sign(Context context, Credentials current, OutboundRequest request) {
            return new Signature(Map.of("Authorization", "Ticket " + request.method() + " " + request.uri().getPath()), Map.of());
        }
    }

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore().cascadingTo(connections);
    private final InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore();
    private final InMemoryWorkspaceSettingsStore workspaceSettings = new InMemoryWorkspaceSettingsStore();
    private final TicketScheme scheme = new TicketScheme();
    private final List<AuthSchemePort> schemes = List.of(scheme);
    private final ScriptedProviderHttp http = new ScriptedProviderHttp();
    private final ConnectorServices directory = new ConnectorServices(FixedConnectorCatalog.of(read(Map.of("slug", "acme", "name", "Acme",
            "categories", List.of("crm"), "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
            "api", Map.of("base_url", "https://api.acme.example"), "auth", List.of(Map.of("type", "ticket",
                    "consent_url", "https://acme.example/consent"))))),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false);
    private final ConnectAppService connect = new ConnectAppService(directory, accounts, connections, pending, workspaceSettings,
            schemes, http, new SecureRandom(), clock, REDIRECT_URI, outbox, transactions);
    private final CompleteAuthorizationService complete = new CompleteAuthorizationService(directory, accounts, connections, pending,
            workspaceSettings, schemes, http, clock, REDIRECT_URI, outbox, transactions);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId accountId = new LinkedAccountId("cust-1");

    @BeforeEach
    void setUp() {
        accounts.insert(LinkedAccount.create(workspace, accountId, Optional.empty(), Metadata.EMPTY, T0.minus(Duration.ofDays(1))));
        workspaceSettings.saveAllowedOrigins(workspace, new AllowedOrigins(List.of("https://app.acme.com")));
        directory.configure(new ConfigureConnectorCommand(workspace, ACME, Optional.empty(), Optional.of("consumer"), Optional.of("secret"),
                Optional.empty()));
    }

    private ConnectResult start() {
        return connect.connect(new ConnectAppCommand(workspace, accountId, ACME, Optional.empty(), Map.of(), Map.of(),
                PendingAuthorization.Mode.POPUP, Optional.empty()));
    }

    @Test
    void the_scheme_s_own_callback_parameters_and_kept_secret_complete_its_authorization() {
        assertThat(start()).isInstanceOfSatisfying(ConnectResult.Redirect.class,
                r -> assertThat(r.authorizationUrl()).hasToString("https://acme.example/consent?ticket=t-1"));
        assertThat(pending.single().kept()).contains("kept-for-" + scheme.lastState);

        Map<String, String> callback = new HashMap<>(Map.of("state", scheme.lastState, "ticket", "t-1", "verifier", "v-1",
                "code", "not-this-scheme-s"));
        AuthorizationOutcome outcome = complete.complete(new AuthorizationCallback(callback));

        assertThat(outcome.connected()).as(outcome.message()).isTrue();
        assertThat(scheme.completions).singleElement().satisfies(c -> {
            assertThat(c.callback()).containsExactlyInAnyOrderEntriesOf(Map.of("ticket", "t-1", "verifier", "v-1"));
            assertThat(c.kept()).contains("kept-for-" + scheme.lastState);
            assertThat(c.redirectUri()).isEqualTo(REDIRECT_URI);
        });
        assertThat(connections.all()).singleElement().satisfies(c -> assertThat(c.authType()).isEqualTo("ticket"));
    }

    @Test
    void a_callback_without_one_of_the_scheme_s_parameters_completes_nothing() {
        start();

        AuthorizationOutcome outcome = complete.complete(new AuthorizationCallback(Map.of("state", scheme.lastState, "ticket", "t-1")));

        assertThat(outcome.connected()).isFalse();
        assertThat(outcome.error()).contains("exchange_failed");
        assertThat(outcome.message()).contains("verifier");
        assertThat(scheme.completions).isEmpty();
        assertThat(connections.all()).isEmpty();
    }
}
