package dev.latchkey.application.service;

import dev.latchkey.domain.event.Event;
import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.ImportConnectionCommand;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.privateSource;
import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ImportConnectionServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug STRIPE = new ConnectorSlug("stripe");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final FakeOAuth2Scheme oauth = new FakeOAuth2Scheme();
    private final FakeKeyScheme keys = new FakeKeyScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth, keys);
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(stripeSource())), new InMemoryPrivateConnectorStore(),
            new InMemoryConnectorSettingsStore(), schemes, false);
    private final ImportConnectionService service = new ImportConnectionService(directory, accounts, connections, clock, outbox, transactions);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId accountId = new LinkedAccountId("cust-42");
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        account = LinkedAccount.create(workspace, accountId, Optional.empty(), Metadata.EMPTY, T0);
        accounts.insert(account);
    }

    private ImportConnectionCommand command(ConnectorSlug slug, Map<String, String> params, Credentials credentials, Optional<String> identifier) {
        return new ImportConnectionCommand(workspace, accountId, slug, Optional.empty(), params, credentials, Map.of(), identifier);
    }

    private static Credentials token(String value, List<String> scopes) {
        return Credentials.ofToken(new AccessToken(value, Optional.of("refresh-" + value), Optional.of(T0.plus(Duration.ofHours(1))),
                "Bearer", scopes));
    }

    private static List<String> fields(InvalidInputException e) {
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void oauth_credentials_without_an_access_token_are_invalid_on_credentials_access_token() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> service.importConnection(command(SLACK, Map.of(), Credentials.ofFields(Map.of()), Optional.empty())));

        assertThat(fields(e)).containsExactly("credentials.access_token");
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void imported_oauth_tokens_are_stored_as_they_are_without_calling_the_provider() {
        Connection connection = service.importConnection(new ImportConnectionCommand(workspace, accountId, SLACK, Optional.of("oauth2"),
                Map.of(), token("xoxb-1", List.of("chat:write")), Map.of("team_id", "T1"), Optional.of("Acme HQ")));

        assertThat(connections.all()).containsExactly(connection);
        assertThat(connection.accountKey()).isEqualTo(account.key());
        assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(connection.identifier()).contains("Acme HQ");
        assertThat(connection.scopes()).containsExactly("chat:write");
        assertThat(connection.tokenValues()).isEqualTo(Map.of("team_id", "T1"));
        assertThat(connection.credentials().token().orElseThrow().refreshToken()).contains("refresh-xoxb-1");
        assertThat(connection.createdAt()).isEqualTo(T0);
        assertThat(oauth.calls()).isEmpty();
    }

    @Test
    void a_missing_key_field_is_invalid_on_credentials_field() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> service.importConnection(command(STRIPE, Map.of(), Credentials.ofFields(Map.of()), Optional.empty())));

        assertThat(fields(e)).containsExactly("credentials.api_key");
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void an_unknown_key_field_is_invalid_on_credentials_field() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.importConnection(
                command(STRIPE, Map.of(), Credentials.ofFields(Map.of("api_key", "sk_1", "secret", "x")), Optional.empty())));

        assertThat(fields(e)).containsExactly("credentials.secret");
    }

    @Test
    void params_are_checked_like_when_connecting() {
        directory.create(workspace, privateSource("acme-crm"));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.importConnection(command(
                new ConnectorSlug("acme-crm"), Map.of("account", "ACME!"), Credentials.ofFields(Map.of("api_key", "k")), Optional.empty())));

        assertThat(fields(e)).containsExactly("params.account");
    }

    @Test
    void imported_keys_are_stored_without_calling_the_provider() {
        Connection connection = service.importConnection(command(STRIPE, Map.of(), Credentials.ofFields(Map.of("api_key", "sk_1")),
                Optional.of("billing@acme.com")));

        assertThat(connections.all()).containsExactly(connection);
        assertThat(connection.authType()).isEqualTo("api_key");
        assertThat(connection.credentials().fields()).isEqualTo(Map.of("api_key", "sk_1"));
        assertThat(keys.calls()).isEmpty();
    }

    @Test
    void importing_the_same_identity_again_updates_the_connection() {
        Connection first = service.importConnection(command(SLACK, Map.of(), token("xoxb-1", List.of()), Optional.of("Acme HQ")));
        clock.advance(Duration.ofMinutes(1));

        Connection second = service.importConnection(command(SLACK, Map.of(), token("xoxb-2", List.of()), Optional.of("Acme HQ")));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(connections.all()).containsExactly(second);
        assertThat(second.credentials().token().orElseThrow().value()).isEqualTo("xoxb-2");
    }

    @Test
    void an_auth_type_the_connector_does_not_offer_is_invalid_on_auth_type() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.importConnection(new ImportConnectionCommand(
                workspace, accountId, STRIPE, Optional.of("oauth2"), Map.of(), token("t", List.of()), Map.of(), Optional.empty())));

        assertThat(fields(e)).containsExactly("auth_type");
    }

    @Test
    void an_unknown_account_or_connector_is_not_found() {
        NotFoundException account = catchThrowableOfType(NotFoundException.class, () -> service.importConnection(new ImportConnectionCommand(
                workspace, new LinkedAccountId("nobody"), SLACK, Optional.empty(), Map.of(), token("t", List.of()), Map.of(), Optional.empty())));
        NotFoundException connector = catchThrowableOfType(NotFoundException.class, () -> service.importConnection(
                command(new ConnectorSlug("nope"), Map.of(), token("t", List.of()), Optional.empty())));

        assertThat(account.code()).isEqualTo("linked_account_not_found");
        assertThat(connector.code()).isEqualTo("connector_not_found");
        assertThat(connections.all()).isEmpty();
    }

    // --- events ---

    @Test
    void a_new_connection_emits_connection_created_inside_the_transaction_without_secrets() {
        Connection connection = service.importConnection(command(SLACK, Map.of(), token("xoxb-secret", List.of()), Optional.of("Acme HQ")));

        assertThat(outbox.types()).containsExactly(Event.CONNECTION_CREATED);
        Event event = outbox.events().get(0);
        assertThat(event.workspaceId()).isEqualTo(workspace);
        assertThat(event.createdAt()).isEqualTo(T0);
        assertThat(event.data()).containsEntry("linked_account_id", "cust-42").containsEntry("connector", "slack")
                .containsEntry("connection_id", connection.id().toString()).containsEntry("status", "active");
        assertThat(event.data().toString()).doesNotContain("xoxb-secret");
        assertThat(transactions.committed()).isEqualTo(1);
    }

    @Test
    void reauthorizing_emits_connection_updated_and_recovered_only_when_it_was_expired() {
        Connection first = service.importConnection(command(SLACK, Map.of(), token("xoxb-1", List.of()), Optional.of("Acme HQ")));
        service.importConnection(command(SLACK, Map.of(), token("xoxb-2", List.of()), Optional.of("Acme HQ")));
        assertThat(outbox.types()).containsExactly(Event.CONNECTION_CREATED, Event.CONNECTION_UPDATED);

        connections.update(connections.find(workspace, first.id()).orElseThrow().expired("invalid_grant", T0));
        service.importConnection(command(SLACK, Map.of(), token("xoxb-3", List.of()), Optional.of("Acme HQ")));

        assertThat(outbox.types()).containsExactly(Event.CONNECTION_CREATED, Event.CONNECTION_UPDATED, Event.CONNECTION_UPDATED,
                Event.CONNECTION_RECOVERED);
        assertThat(outbox.events().get(3).data()).containsEntry("status", "active").containsEntry("connection_id", first.id().toString());
    }
}
