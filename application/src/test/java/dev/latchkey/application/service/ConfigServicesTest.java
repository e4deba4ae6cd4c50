package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConfigStore;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedProviderHttp;
import dev.latchkey.application.port.in.ConfigFieldsResult;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.DefineConfigFieldsCommand;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.config.ConfigField;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.config.InvalidConfigException;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The config services with in-memory stores: definitions, saves with their event, and options from a scripted provider. */
class ConfigServicesTest {
    private static final List<java.net.InetAddress> LOOPBACK = List.of(java.net.InetAddress.getLoopbackAddress());
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventOutbox events = new InMemoryEventOutbox(transactions);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConfigStore store = new InMemoryConfigStore(transactions);
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(with(slackSource(), "config_fields", List.of(def("channel", "select", "options_from",
                    Map.of("path", "/conversations.list", "items", "/channels", "label", "/name", "value", "/id")))))),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), List.of(new FakeOAuth2Scheme(), new FakeKeyScheme()), false);
    private final DefineConfigFieldsService defineFields = new DefineConfigFieldsService(directory, store, clock);
    private final GetConfigFieldsService fields = new GetConfigFieldsService(directory, store);
    private final ResetConfigFieldsService resetFields = new ResetConfigFieldsService(directory, store);
    private final GetConfigService getConfig = new GetConfigService(accounts, fields, store);
    private final SaveConfigService saveConfig = new SaveConfigService(accounts, fields, store, events, transactions, clock);
    private final DeleteConfigService deleteConfig = new DeleteConfigService(accounts, fields, store, events, transactions, clock);
    private final ListConfigsService listConfigs = new ListConfigsService(accounts, fields, store);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId alice = new LinkedAccountId("alice");

    private static Map<String, Object> def(String key, String type, Object... more) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("key", key);
        field.put("label", key);
        field.put("type", type);
        for (int i = 0; i < more.length; i += 2) {
            field.put((String) more[i], more[i + 1]);
        }
        return field;
    }

    @BeforeEach
    void setUp() {
        accounts.insert(LinkedAccount.create(workspace, alice, Optional.empty(), Metadata.EMPTY, clock.instant()));
        defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, List.of(
                def("channel", "text", "required", true),
                def("limit", "number", "max", 10),
                def("key", "text", "secret", true))));
    }

    private ConfigQuery query(String configId) {
        return new ConfigQuery(workspace, alice, SLACK, new ConfigId(configId));
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void the_workspace_s_fields_override_the_connector_s_until_reset() {
        assertThat(fields.get(workspace, SLACK).source()).isEqualTo(ConfigFieldsResult.Source.WORKSPACE);

        resetFields.reset(workspace, SLACK);

        ConfigFieldsResult defaults = fields.get(workspace, SLACK);
        assertThat(defaults.source()).isEqualTo(ConfigFieldsResult.Source.CONNECTOR);
        assertThat(defaults.fields().fields()).extracting(ConfigField::key).containsExactly("channel");
        assertThatThrownBy(() -> defineFields.define(new DefineConfigFieldsCommand(workspace, new ConnectorSlug("nope"), List.of())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("fields: is required");
    }

    @Test
    void a_save_stores_and_emits_config_updated_with_the_changed_keys_in_one_transaction() {
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "limit", 3, "key", "s3cret")));
        clock.advance(Duration.ofMinutes(1));
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "limit", 4, "key", ConfigField.MASK)));
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "limit", 4.0, "key", ConfigField.MASK)));

        List<Event> updates = events.events();
        assertThat(updates).extracting(Event::type).containsOnly(Event.CONFIG_UPDATED).hasSize(2);
        assertThat(updates.get(0).data()).containsEntry("changed_keys", List.of("channel", "key", "limit"))
                .containsEntry("linked_account_id", "alice").containsEntry("config_id", "default");
        assertThat(updates.get(1).data()).containsEntry("changed_keys", List.of("limit"));
        assertThat(updates.toString()).doesNotContain("s3cret");
        assertThat(store.savesOutsideTransactions()).isZero();
        var stored = store.find(workspace, accounts.find(workspace, alice).orElseThrow().key(), SLACK, ConfigId.DEFAULT).orElseThrow();
        assertThat(stored.values()).containsEntry("key", "s3cret");
        assertThat(stored.secretKeys()).containsExactly("key");
        assertThat(stored.toString()).doesNotContain("s3cret", "C1").contains("key");
    }

    @Test
    void an_invalid_save_reports_everything_and_changes_nothing() {
        InvalidConfigException invalid = catchThrowableOfType(InvalidConfigException.class,
                () -> saveConfig.save(new SaveConfigCommand(query("default"), values("limit", 11, "colour", "red", "key", ConfigField.MASK))));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("key", "colour", "channel", "limit");
        assertThat(store.configCount()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void values_of_a_removed_field_are_kept_through_later_saves() {
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "key", "s3cret")));
        defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, List.of(def("channel", "text"))));

        var saved = saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C2")));

        assertThat(saved.readout().fields()).extracting(f -> f.field().key()).containsExactly("channel");
        var stored = store.find(workspace, accounts.find(workspace, alice).orElseThrow().key(), SLACK, ConfigId.DEFAULT).orElseThrow();
        assertThat(stored.values()).containsEntry("key", "s3cret").containsEntry("channel", "C2");
        assertThat(stored.secretKeys()).containsExactly("key");
    }

    @Test
    void a_secret_sent_back_masked_is_kept_sealed_after_its_field_stopped_being_secret() {
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "key", "whsec-XYZ")));
        defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, List.of(def("channel", "text"), def("key", "text"))));
        var read = getConfig.get(query("default"));
        Object shown = read.readout().fields().stream().filter(f -> f.field().key().equals("key")).findFirst().orElseThrow().value();
        assertThat(shown).isEqualTo(ConfigField.MASK);

        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C2", "key", shown)));

        var stored = store.find(workspace, accounts.find(workspace, alice).orElseThrow().key(), SLACK, ConfigId.DEFAULT).orElseThrow();
        assertThat(stored.values()).containsEntry("key", "whsec-XYZ");
        assertThat(stored.secretKeys()).containsExactly("key");
        assertThat(events.events().get(events.events().size() - 1).data()).containsEntry("changed_keys", List.of("channel"));
    }

    @Test
    void a_kept_secret_that_no_longer_fits_is_refused_without_quoting_it() {
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "key", "whsec-XYZ")));
        defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, List.of(def("channel", "text"),
                def("key", "select", "options", List.of(Map.of("label", "A", "value", "a"))))));

        InvalidConfigException invalid = catchThrowableOfType(InvalidConfigException.class,
                () -> saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "key", ConfigField.MASK))));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("key");
        assertThat(invalid.violations().toString() + invalid.getMessage()).doesNotContain("whsec");
        assertThat(getConfig.get(query("default")).readout().fieldErrors().toString()).doesNotContain("whsec");
    }

    @Test
    void an_unknown_key_is_refused_even_when_its_value_is_null() {
        InvalidConfigException invalid = catchThrowableOfType(InvalidConfigException.class,
                () -> saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "zzz", null))));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("zzz");
        assertThat(store.configCount()).isZero();
        var saved = saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "limit", null)));
        assertThat(saved.readout().fieldErrors()).isEmpty();
    }

    @Test
    void a_delete_emits_config_updated_with_every_key_that_had_a_value_and_deleted_in_its_transaction() {
        saveConfig.save(new SaveConfigCommand(query("default"), values("channel", "C1", "limit", 3, "key", "s3cret")));
        defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, List.of(def("channel", "text"), def("limit", "number"))));
        int before = events.events().size();

        deleteConfig.delete(query("default"));
        deleteConfig.delete(query("default"));
        deleteConfig.delete(query("never-saved"));

        List<Event> emitted = events.events().subList(before, events.events().size());
        assertThat(emitted).as("one event: nothing changes when nothing is stored").hasSize(1);
        assertThat(emitted.get(0).type()).isEqualTo(Event.CONFIG_UPDATED);
        assertThat(emitted.get(0).data()).containsEntry("changed_keys", List.of("channel", "key", "limit")).containsEntry("deleted", true)
                .containsEntry("linked_account_id", "alice").containsEntry("config_id", "default");
        assertThat(emitted.toString()).doesNotContain("s3cret", "C1");
        assertThat(store.configCount()).isZero();
    }

    @Test
    void configs_of_an_unknown_linked_account_are_not_found() {
        ConfigQuery stranger = new ConfigQuery(workspace, new LinkedAccountId("stranger"), SLACK, ConfigId.DEFAULT);

        assertThat(catchThrowableOfType(NotFoundException.class, () -> getConfig.get(stranger)).code()).isEqualTo("linked_account_not_found");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> listConfigs.list(WorkspaceId.random(), alice)).code())
                .isEqualTo("linked_account_not_found");
    }

    // --- options ---

    private final ScriptedProviderHttp http = new ScriptedProviderHttp();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final List<PrepareProxyRequestCommand> prepared = new ArrayList<>();

    private ListConfigOptionsService options(RuntimeException refusal) {
        resetFields.reset(workspace, SLACK);
        return new ListConfigOptionsService(accounts, connections, fields, directory, command -> {
            prepared.add(command);
            if (refusal != null) {
                throw refusal;
            }
            return new ProxyTarget(ConnectionId.random(), URI.create("https://slack.com/api"), LOOPBACK,
                    Map.of("Authorization", "Bearer " + (command.rejected().isPresent() ? "fresh" : "stale")), Map.of());
        }, http);
    }

    private ListConfigOptionsQuery optionsQuery(String search) {
        return new ListConfigOptionsQuery(query("default"), "channel", Optional.ofNullable(search), Optional.empty());
    }

    @Test
    void a_401_is_retried_once_with_a_forced_refresh_and_a_search_without_search_param_filters_the_page() {
        resetFields.reset(workspace, SLACK);
        http.respondJson("GET", "https://slack.com/api/conversations.list", 401, Map.of("ok", false));
        ScriptedProviderHttp first = http;
        // the provider accepts the request once the token was refreshed
        ListConfigOptionsService retrying = new ListConfigOptionsService(accounts, connections, fields, directory, command -> {
            prepared.add(command);
            if (command.rejected().isPresent()) {
                first.respondJson("GET", "https://slack.com/api/conversations.list", 200,
                        Map.of("channels", List.of(Map.of("id", "C1", "name", "general"), Map.of("id", "C2", "name", "sales"))));
            }
            return new ProxyTarget(ConnectionId.random(), URI.create("https://slack.com/api"), LOOPBACK, Map.of(), Map.of());
        }, http);

        Page<ConfigOption> page = retrying.options(optionsQuery("SAL"));

        assertThat(page.items()).containsExactly(new ConfigOption("sales", "C2"));
        assertThat(page.nextCursor()).isEmpty();
        assertThat(prepared).extracting(c -> c.rejected().isPresent()).containsExactly(false, true);
    }

    @Test
    void no_connection_is_not_connected_and_an_expired_one_stays_connection_expired() {
        ConflictException none = catchThrowableOfType(ConflictException.class, () -> options(new NotFoundException("connection_not_found", "none"))
                .options(optionsQuery(null)));
        assertThat(none.code()).isEqualTo("not_connected");

        ConflictException expired = catchThrowableOfType(ConflictException.class,
                () -> options(new ConflictException("connection_expired", "expired")).options(optionsQuery(null)));
        assertThat(expired.code()).isEqualTo("connection_expired");
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void an_answer_without_the_items_list_is_a_provider_problem_not_an_empty_list() {
        http.respondJson("GET", "https://slack.com/api/conversations.list", 200, Map.of("ok", false, "error", "missing_scope"));

        assertThatThrownBy(() -> options(null).options(optionsQuery(null))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("without a list at /channels").hasMessageContaining("missing_scope");
    }

    private Connection slackConnection(String token, boolean expired) {
        Connection connection = Connection.create(workspace, accounts.find(workspace, alice).orElseThrow().key(), SLACK, "oauth2",
                Optional.empty(), List.of(), Map.of(), Map.of(), Credentials.ofFields(Map.of("token", token)), clock.instant());
        if (expired) {
            connection = connection.expired("revoked", clock.instant());
        }
        connections.insert(connection);
        clock.advance(Duration.ofMinutes(1));
        return connection;
    }

    @Test
    void with_several_connections_options_come_from_the_named_one_else_the_most_recently_created_active_one() {
        http.respondJson("GET", "https://slack.com/api/conversations.list", 200, Map.of("channels", List.of(Map.of("id", "C1", "name", "general"))));
        Connection older = slackConnection("a", false);
        Connection newer = slackConnection("b", false);
        slackConnection("c", true);
        ListConfigOptionsService service = options(null);

        service.options(optionsQuery(null));
        service.options(new ListConfigOptionsQuery(query("default"), "channel", Optional.empty(), Optional.empty(), Optional.of(older.id())));

        assertThat(prepared).extracting(PrepareProxyRequestCommand::connectionId).containsExactly(Optional.of(newer.id()), Optional.of(older.id()));
    }

    @Test
    void a_named_connection_that_does_not_exist_is_a_404_not_not_connected() {
        NotFoundException missing = catchThrowableOfType(NotFoundException.class, () -> options(new NotFoundException("connection_not_found", "none"))
                .options(new ListConfigOptionsQuery(query("default"), "channel", Optional.empty(), Optional.empty(), Optional.of(ConnectionId.random()))));

        assertThat(missing.code()).isEqualTo("connection_not_found");
    }

    @Test
    void options_of_an_unknown_linked_account_are_not_found_even_static_ones() {
        defineFields.define(new DefineConfigFieldsCommand(workspace, SLACK, List.of(def("mode", "select", "options", List.of(Map.of("label", "A", "value", "a"))))));
        ListConfigOptionsService service = new ListConfigOptionsService(accounts, connections, fields, directory, command -> {
            throw new AssertionError("no provider request for an unknown account");
        }, http);
        ConfigQuery stranger = new ConfigQuery(workspace, new LinkedAccountId("stranger"), SLACK, ConfigId.DEFAULT);

        NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                () -> service.options(new ListConfigOptionsQuery(stranger, "mode", Optional.empty(), Optional.empty())));

        assertThat(missing.code()).isEqualTo("linked_account_not_found");
        assertThat(service.options(new ListConfigOptionsQuery(query("default"), "mode", Optional.empty(), Optional.empty())).items())
                .extracting(ConfigOption::value).containsExactly("a");
    }
}
