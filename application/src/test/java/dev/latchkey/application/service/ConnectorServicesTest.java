package dev.latchkey.application.service;

import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.domain.connector.OAuthClient;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.privateSource;
import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static dev.latchkey.application.fakes.TestConnectors.with;
import static dev.latchkey.application.fakes.TestConnectors.zendeskSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConnectorServicesTest {
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug STRIPE = new ConnectorSlug("stripe");

    private final FixedConnectorCatalog catalog = FixedConnectorCatalog.of(read(zendeskSource()), read(slackSource()), read(stripeSource()));
    private final InMemoryPrivateConnectorStore privates = new InMemoryPrivateConnectorStore();
    private final InMemoryConnectorSettingsStore settings = new InMemoryConnectorSettingsStore();
    private final List<AuthSchemePort> schemes = List.of(new FakeOAuth2Scheme(), new FakeKeyScheme());
    private final ConnectorServices directory = new ConnectorServices(catalog, privates, settings, schemes, false);
    private final WorkspaceId workspace = WorkspaceId.random();

    private static List<String> fields(InvalidInputException e) {
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    private ConfigureConnectorCommand configure(ConnectorSlug slug, Optional<Boolean> enabled, Optional<String> clientId,
                                                Optional<String> clientSecret, Optional<List<String>> scopes) {
        return new ConfigureConnectorCommand(workspace, slug, enabled, clientId, clientSecret, scopes);
    }

    private void setClient(String id, String secret) {
        directory.configure(configure(SLACK, Optional.empty(), Optional.of(id), Optional.of(secret), Optional.empty()));
    }

    // --- listing and construction ---

    @Test
    void list_merges_built_in_and_private_connectors_in_slug_order_with_the_workspace_settings() {
        directory.create(workspace, privateSource("tickets"));
        directory.create(workspace, privateSource("billing-api"));
        directory.configure(configure(SLACK, Optional.of(false), Optional.empty(), Optional.empty(), Optional.of(List.of("chat:write"))));

        List<ConnectorView> views = directory.list(workspace);

        assertThat(views).extracting(v -> v.definition().slug().value())
                .containsExactly("billing-api", "slack", "stripe", "tickets", "zendesk");
        assertThat(views).extracting(ConnectorView::builtIn).containsExactly(false, true, true, false, true);
        ConnectorView slack = views.get(1);
        assertThat(slack.settings().enabled()).isFalse();
        assertThat(slack.settings().scopes()).containsExactly("chat:write");
        assertThat(views.get(2).settings()).isEqualTo(ConnectorSettings.DEFAULT);
    }

    @Test
    void private_connectors_of_one_workspace_are_not_listed_in_another() {
        directory.create(workspace, privateSource("tickets"));

        assertThat(directory.list(WorkspaceId.random())).extracting(v -> v.definition().slug().value())
                .containsExactly("slack", "stripe", "zendesk");
        assertThat(catchThrowableOfType(NotFoundException.class,
                () -> directory.get(WorkspaceId.random(), new ConnectorSlug("tickets"))).code()).isEqualTo("connector_not_found");
    }

    @Test
    void a_stored_private_connector_that_no_longer_reads_is_left_out_of_the_list() {
        privates.insert(workspace, new ConnectorSlug("legacy"), with(privateSource("legacy"), "docs_url", "http://insecure.test"));

        assertThat(directory.list(workspace)).extracting(v -> v.definition().slug().value())
                .containsExactly("slack", "stripe", "zendesk");
    }

    @Test
    void a_stored_private_connector_whose_scheme_is_gone_is_left_out_of_the_list_and_not_found() {
        privates.insert(workspace, new ConnectorSlug("departed"), with(privateSource("departed"), "auth",
                List.of(Map.of("type", "departed_scheme"))));

        assertThat(directory.list(workspace)).extracting(v -> v.definition().slug().value())
                .containsExactly("slack", "stripe", "zendesk");
        assertThat(catchThrowableOfType(NotFoundException.class,
                () -> directory.get(workspace, new ConnectorSlug("departed"))).code()).isEqualTo("connector_not_found");
    }

    @Test
    void a_built_in_connector_whose_auth_type_has_no_scheme_stops_construction() {
        assertThatThrownBy(() -> new ConnectorServices(catalog, privates, settings, List.of(new FakeKeyScheme()), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("oauth2")
                .hasMessageContaining("'slack'");
    }

    @Test
    void two_schemes_claiming_one_type_stop_construction() {
        assertThatThrownBy(() -> new ConnectorServices(catalog, privates, settings,
                List.of(new FakeOAuth2Scheme(), new FakeKeyScheme(), new FakeKeyScheme()), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("api_key");
    }

    @Test
    void get_of_an_unknown_slug_is_connector_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> directory.get(workspace, new ConnectorSlug("nope")));

        assertThat(e.code()).isEqualTo("connector_not_found");
    }

    @Test
    void get_of_a_built_in_connector_has_default_settings_until_configured() {
        ConnectorView view = directory.get(workspace, STRIPE);

        assertThat(view.builtIn()).isTrue();
        assertThat(view.settings()).isEqualTo(ConnectorSettings.DEFAULT);
        assertThat(view.scopesFor("api_key")).isEmpty();
    }

    @Test
    void a_connector_the_operator_installed_is_listed_and_found_but_not_built_in() {
        FixedConnectorCatalog withOperators = new FixedConnectorCatalog(List.of(read(slackSource())), List.of(read(privateSource("acme-crm"))));
        ConnectorServices withOperator = new ConnectorServices(withOperators, privates, settings, schemes, false);
        ConnectorSlug acme = new ConnectorSlug("acme-crm");

        assertThat(withOperator.list(workspace)).extracting(v -> v.definition().slug().value(), ConnectorView::builtIn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme-crm", false), org.assertj.core.groups.Tuple.tuple("slack", true));
        assertThat(withOperator.get(workspace, acme).builtIn()).isFalse();
        ConflictException e = catchThrowableOfType(ConflictException.class, () -> withOperator.delete(workspace, acme));
        assertThat(e.code()).isEqualTo("connector_built_in");
        assertThat(e.getMessage()).contains("LATCHKEY_CONNECTORS_DIR");
    }

    // --- private connectors ---

    @Test
    void create_stores_a_private_connector_the_workspace_then_sees() {
        ConnectorView created = directory.create(workspace, privateSource("tickets"));

        assertThat(created.builtIn()).isFalse();
        assertThat(created.definition().name()).isEqualTo("Acme CRM (tickets)");
        ConnectorView found = directory.get(workspace, new ConnectorSlug("tickets"));
        assertThat(found.builtIn()).isFalse();
        assertThat(found.definition().name()).isEqualTo("Acme CRM (tickets)");
        assertThat(privates.find(workspace, new ConnectorSlug("tickets"))).contains(privateSource("tickets"));
    }

    @Test
    void create_with_a_built_in_slug_is_connector_slug_reserved_and_stores_nothing() {
        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> directory.create(workspace, with(privateSource("slack"), "name", "My Slack")));

        assertThat(e.code()).isEqualTo("connector_slug_reserved");
        assertThat(privates.all(workspace)).isEmpty();
        assertThat(directory.get(workspace, SLACK).builtIn()).isTrue();
    }

    @Test
    void create_of_a_slug_the_workspace_already_has_is_connector_exists() {
        directory.create(workspace, privateSource("tickets"));

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> directory.create(workspace, with(privateSource("tickets"), "name", "Second")));

        assertThat(e.code()).isEqualTo("connector_exists");
        assertThat(directory.get(workspace, new ConnectorSlug("tickets")).definition().name()).isEqualTo("Acme CRM (tickets)");
    }

    @Test
    void two_workspaces_may_each_have_a_private_connector_with_the_same_slug() {
        directory.create(workspace, privateSource("tickets"));
        WorkspaceId other = WorkspaceId.random();

        ConnectorView theirs = directory.create(other, with(privateSource("tickets"), "name", "Theirs"));

        assertThat(theirs.definition().name()).isEqualTo("Theirs");
        assertThat(directory.get(workspace, new ConnectorSlug("tickets")).definition().name()).isEqualTo("Acme CRM (tickets)");
    }

    @Test
    void create_with_an_auth_type_no_scheme_implements_is_invalid_on_auth_0_type() {
        Map<String, Object> source = with(privateSource("tickets"), "auth", List.of(Map.of("type", "magic_link",
                "fields", List.of(Map.of("name", "email", "label", "Email")))));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> directory.create(workspace, source));

        assertThat(fields(e)).containsExactly("auth[0].type");
        assertThat(e.getMessage()).contains("magic_link");
        assertThat(privates.all(workspace)).isEmpty();
    }

    @Test
    void a_base_url_value_from_the_provider_s_answer_is_accepted_only_where_the_entry_s_scheme_declares_it_keeps_it() {
        ConnectorServices withSchemes = new ConnectorServices(catalog, privates, settings, List.of(new FakeOAuth2Scheme(),
                new FakeKeyScheme(), new KeepingScheme("org_token", List.of("instance_url")), new KeepingScheme("plain_token", List.of())),
                false);

        ConnectorView kept = withSchemes.create(workspace, orgConnector("ledger", "org_token"));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> withSchemes.create(workspace, orgConnector("books", "plain_token")));

        assertThat(kept.definition().baseUrl().text()).isEqualTo("{instance_url}/api");
        assertThat(fields(e)).containsExactly("api.base_url");
        assertThat(e.getMessage()).contains("{instance_url}");
        assertThat(privates.find(workspace, new ConnectorSlug("books"))).isEmpty();
    }

    private static Map<String, Object> orgConnector(String slug, String type) {
        return with(with(privateSource(slug), "api", Map.of("base_url", "{instance_url}/api")), "auth", List.of(Map.of("type", type,
                "fields", List.of(Map.of("name", "email", "label", "Email")))));
    }

    /** A scheme with code that keeps the named values of its provider's answer (as jwt_bearer's token_response does). */
    private static final class KeepingScheme implements AuthSchemePort {
        private final String type;
        private final List<String> kept;

        KeepingScheme(String type, List<String> kept) {
            this.type = type;
            this.kept = kept;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public dev.latchkey.domain.connector.AuthCapabilities capabilities(dev.latchkey.domain.connector.AuthMethod method) {
            return new dev.latchkey.domain.connector.AuthCapabilities(type, type, Optional.empty(), method.fields(), List.of(), true,
                    Optional.empty(), false, method.fields(), false, false, kept);
        }

        @Override
        public Optional<Grant> refresh(Context context, dev.latchkey.domain.credential.Credentials current) {
            return Optional.empty();
        }

        @Override
        public void revoke(Context context, dev.latchkey.domain.credential.Credentials current) {
        }

        @Override
        public Signature sign(Context context, dev.latchkey.domain.credential.Credentials current, OutboundRequest request) {
            return new Signature(Map.of(), Map.of());
        }
    }

    @Test
    void create_of_an_invalid_definition_names_every_broken_field() {
        Map<String, Object> source = with(with(privateSource("tickets"), "docs_url", "http://crm.acme.test/docs"), "name", "");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> directory.create(workspace, source));

        assertThat(fields(e)).contains("docs_url", "name");
        assertThat(privates.all(workspace)).isEmpty();
    }

    @Test
    void replace_changes_the_private_connector() {
        directory.create(workspace, privateSource("tickets"));

        ConnectorView replaced = directory.replace(workspace, new ConnectorSlug("tickets"), with(privateSource("tickets"), "name", "Tickets v2"));

        assertThat(replaced.definition().name()).isEqualTo("Tickets v2");
        assertThat(directory.get(workspace, new ConnectorSlug("tickets")).definition().name()).isEqualTo("Tickets v2");
    }

    @Test
    void replace_with_a_different_slug_in_the_body_is_invalid_on_slug() {
        directory.create(workspace, privateSource("tickets"));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> directory.replace(workspace, new ConnectorSlug("tickets"), privateSource("other")));

        assertThat(fields(e)).containsExactly("slug");
        assertThat(privates.find(workspace, new ConnectorSlug("other"))).isEmpty();
        assertThat(privates.find(workspace, new ConnectorSlug("tickets"))).contains(privateSource("tickets"));
    }

    @Test
    void replace_of_a_built_in_connector_is_connector_built_in() {
        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> directory.replace(workspace, STRIPE, with(privateSource("stripe"), "name", "Stripe")));

        assertThat(e.code()).isEqualTo("connector_built_in");
        assertThat(privates.all(workspace)).isEmpty();
    }

    @Test
    void replace_of_an_unknown_connector_is_connector_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> directory.replace(workspace, new ConnectorSlug("tickets"), privateSource("tickets")));

        assertThat(e.code()).isEqualTo("connector_not_found");
        assertThat(privates.all(workspace)).isEmpty();
    }

    @Test
    void delete_of_a_built_in_connector_is_connector_built_in() {
        ConflictException e = catchThrowableOfType(ConflictException.class, () -> directory.delete(workspace, SLACK));

        assertThat(e.code()).isEqualTo("connector_built_in");
        assertThat(directory.get(workspace, SLACK).builtIn()).isTrue();
    }

    @Test
    void delete_removes_a_private_connector() {
        directory.create(workspace, privateSource("tickets"));

        directory.delete(workspace, new ConnectorSlug("tickets"));

        assertThat(catchThrowableOfType(NotFoundException.class, () -> directory.get(workspace, new ConnectorSlug("tickets"))).code())
                .isEqualTo("connector_not_found");
    }

    @Test
    void delete_of_an_unknown_connector_is_connector_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> directory.delete(workspace, new ConnectorSlug("tickets")));

        assertThat(e.code()).isEqualTo("connector_not_found");
    }

    // --- settings ---

    @Test
    void configure_stores_the_oauth_app_and_scopes() {
        ConnectorView view = directory.configure(configure(SLACK, Optional.empty(), Optional.of("client-1"), Optional.of("secret-1"),
                Optional.of(List.of("chat:write"))));

        ConnectorSettings expected = new ConnectorSettings(true, Optional.of(new OAuthClient("client-1", "secret-1")), List.of("chat:write"));
        assertThat(view.settings()).isEqualTo(expected);
        assertThat(settings.find(workspace, SLACK)).contains(expected);
        assertThat(view.scopesFor("oauth2")).containsExactly("chat:write");
    }

    @Test
    void configure_with_a_client_id_but_no_secret_is_invalid_on_client_secret() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> directory.configure(configure(SLACK, Optional.empty(), Optional.of("client-1"), Optional.empty(), Optional.empty())));

        assertThat(fields(e)).containsExactly("client_secret");
        assertThat(settings.saves()).isZero();
    }

    @Test
    void configure_with_a_secret_but_no_client_id_is_invalid_on_client_id() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> directory.configure(configure(SLACK, Optional.empty(), Optional.empty(), Optional.of("secret-1"), Optional.empty())));

        assertThat(fields(e)).containsExactly("client_id");
        assertThat(settings.saves()).isZero();
    }

    @Test
    void the_stored_secret_is_kept_when_only_the_scopes_change() {
        setClient("client-1", "secret-1");

        ConnectorView view = directory.configure(configure(SLACK, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of("channels:read"))));

        assertThat(view.settings().client()).contains(new OAuthClient("client-1", "secret-1"));
        assertThat(view.settings().scopes()).containsExactly("channels:read");
    }

    @Test
    void the_stored_secret_is_kept_when_the_same_client_id_is_sent_again_without_a_secret() {
        setClient("client-1", "secret-1");

        ConnectorView view = directory.configure(configure(SLACK, Optional.empty(), Optional.of("client-1"), Optional.empty(), Optional.empty()));

        assertThat(view.settings().client()).contains(new OAuthClient("client-1", "secret-1"));
    }

    @Test
    void a_new_secret_alone_replaces_the_secret_of_the_stored_client_id() {
        setClient("client-1", "secret-1");

        ConnectorView view = directory.configure(configure(SLACK, Optional.empty(), Optional.empty(), Optional.of("secret-2"), Optional.empty()));

        assertThat(view.settings().client()).contains(new OAuthClient("client-1", "secret-2"));
    }

    @Test
    void the_stored_secret_is_dropped_when_the_client_id_changes_without_a_new_secret_which_is_invalid() {
        setClient("client-1", "secret-1");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> directory.configure(configure(SLACK, Optional.empty(), Optional.of("client-2"), Optional.empty(), Optional.empty())));

        assertThat(fields(e)).containsExactly("client_secret");
        assertThat(settings.find(workspace, SLACK).orElseThrow().client())
                .contains(new OAuthClient("client-1", "secret-1"));
    }

    @Test
    void a_new_client_id_with_its_secret_replaces_the_oauth_app() {
        setClient("client-1", "secret-1");

        ConnectorView view = directory.configure(configure(SLACK, Optional.empty(), Optional.of("client-2"), Optional.of("secret-2"),
                Optional.empty()));

        assertThat(view.settings().client()).contains(new OAuthClient("client-2", "secret-2"));
    }

    @Test
    void enabled_toggles_and_keeps_the_rest_of_the_settings() {
        setClient("client-1", "secret-1");

        ConnectorView off = directory.configure(configure(SLACK, Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(off.settings().enabled()).isFalse();
        assertThat(off.settings().client()).isPresent();

        ConnectorView on = directory.configure(configure(SLACK, Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(on.settings().enabled()).isTrue();
        assertThat(on.settings().client()).contains(new OAuthClient("client-1", "secret-1"));
        assertThat(directory.get(workspace, SLACK).settings().enabled()).isTrue();
    }

    @Test
    void empty_scopes_fall_back_to_the_connector_defaults() {
        directory.configure(configure(SLACK, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("chat:write"))));

        ConnectorView view = directory.configure(configure(SLACK, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of())));

        assertThat(view.scopesFor("oauth2")).containsExactly("chat:write", "channels:read");
    }

    @Test
    void blank_or_too_many_scopes_are_violations_naming_the_scope() {
        InvalidInputException blank = catchThrowableOfType(InvalidInputException.class, () -> directory.configure(configure(SLACK,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("chat:write", " ", "x".repeat(201))))));
        InvalidInputException tooMany = catchThrowableOfType(InvalidInputException.class, () -> directory.configure(configure(SLACK,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Collections.nCopies(101, "read")))));

        assertThat(fields(blank)).containsExactly("scopes[1]", "scopes[2]");
        assertThat(fields(tooMany)).containsExactly("scopes");
        assertThat(settings.saves()).isZero();
    }

    @Test
    void configure_of_an_unknown_connector_is_connector_not_found_and_saves_nothing() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> directory.configure(configure(new ConnectorSlug("nope"),
                Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty())));

        assertThat(e.code()).isEqualTo("connector_not_found");
        assertThat(settings.saves()).isZero();
    }

    @Test
    void settings_are_per_workspace() {
        setClient("client-1", "secret-1");

        assertThat(directory.get(WorkspaceId.random(), SLACK).settings()).isEqualTo(ConnectorSettings.DEFAULT);
    }

    @Test
    void a_remembered_view_follows_changes_made_here_at_once_and_changes_made_elsewhere_within_its_lifetime() {
        dev.latchkey.application.fakes.MutableClock clock = new dev.latchkey.application.fakes.MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        ConnectorServices here = new ConnectorServices(catalog, privates, settings, schemes, false, clock,
                java.time.Duration.ofSeconds(5));
        ConnectorServices elsewhere = new ConnectorServices(catalog, privates, settings, schemes, false, clock,
                java.time.Duration.ofSeconds(5));
        assertThat(here.get(workspace, SLACK).settings().enabled()).isTrue();

        here.configure(new ConfigureConnectorCommand(workspace, SLACK, Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(here.get(workspace, SLACK).settings().enabled()).as("a change made here applies at once").isFalse();

        elsewhere.configure(new ConfigureConnectorCommand(workspace, SLACK, Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(here.get(workspace, SLACK).settings().enabled()).as("another instance's change, within the lifetime").isFalse();
        clock.advance(java.time.Duration.ofSeconds(5));
        assertThat(here.get(workspace, SLACK).settings().enabled()).as("once the lifetime has passed").isTrue();
    }
}
