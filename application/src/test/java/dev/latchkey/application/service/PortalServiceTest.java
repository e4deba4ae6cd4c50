package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPortalStores;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryWorkspaceSettingsStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.BrandingView;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.application.port.in.OpenConnectLinkResult;
import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.branding.HexColor;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PortalServiceTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final String APP = "https://app.acme.com";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryWorkspaceSettingsStore settings = new InMemoryWorkspaceSettingsStore();
    private final InMemoryPortalStores stores = new InMemoryPortalStores();
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(stripeSource())), new InMemoryPrivateConnectorStore(),
            new InMemoryConnectorSettingsStore(), List.of(new FakeOAuth2Scheme(), new FakeKeyScheme()), false);
    private final CreateConnectLinkService createLink = new CreateConnectLinkService(accounts, directory, settings, stores, new SecureRandom(),
            clock);
    private final OpenConnectLinkService openLink = new OpenConnectLinkService(settings, stores, stores, stores, new SecureRandom(), clock);
    private final GetPortalSessionService getSession = new GetPortalSessionService(settings, stores, stores, clock);
    private final GetBrandingService getBranding = new GetBrandingService(stores);
    private final UpdateBrandingService updateBranding = new UpdateBrandingService(stores);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId account = new LinkedAccountId("cust-42");

    @BeforeEach
    void setUp() {
        accounts.insert(LinkedAccount.create(workspace, account, Optional.empty(), Metadata.EMPTY, T0));
        settings.saveAllowedOrigins(workspace, new AllowedOrigins(List.of(APP)));
    }

    private CreatedConnectLink link(PortalScope scope, Optional<Duration> lifetime) {
        return createLink.create(new CreateConnectLinkCommand(workspace, account, scope, lifetime));
    }

    private static PortalScope scope(List<String> connectors, String returnUrl) {
        return new PortalScope(connectors.stream().map(ConnectorSlug::new).toList(), Optional.empty(), Optional.ofNullable(returnUrl),
                Branding.DEFAULT);
    }

    @Test
    void a_link_stores_only_the_hash_of_its_code_and_lives_an_hour_by_default() {
        CreatedConnectLink created = link(scope(List.of(), APP + "/back"), Optional.empty());
        assertThat(created.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(created.code()).hasSize(43);
        assertThat(stores.links()).singleElement().satisfies(l -> {
            assertThat(l.codeHash()).isNotEqualTo(created.code()).doesNotContain(created.code());
            assertThat(l.accountId()).isEqualTo(account);
        });
        assertThat(created.toString()).doesNotContain(created.code());
    }

    @Test
    void a_link_opens_once_into_a_session_bound_to_its_account_and_scope() {
        PortalScope scope = scope(List.of("slack"), APP + "/back");
        CreatedConnectLink created = link(scope, Optional.empty());
        OpenConnectLinkResult first = openLink.open(created.code());
        assertThat(first).isInstanceOf(OpenConnectLinkResult.Opened.class);
        OpenConnectLinkResult.Opened opened = (OpenConnectLinkResult.Opened) first;
        assertThat(opened.session().accountId()).isEqualTo(account);
        assertThat(opened.session().scope()).isEqualTo(scope);
        assertThat(stores.sessions()).singleElement().satisfies(s -> assertThat(s.idHash()).isNotEqualTo(opened.sessionSecret()));
        assertThat(openLink.open(created.code())).isInstanceOf(OpenConnectLinkResult.Refused.class);

        PortalView view = getSession.find(opened.sessionSecret()).orElseThrow();
        assertThat(view.session().workspaceId()).isEqualTo(workspace);
        assertThat(view.allowedOrigins().origins()).containsExactly(APP);
    }

    @Test
    void an_expired_link_is_refused_with_the_workspaces_branding_and_framing_origins() {
        updateBranding.update(workspace, Branding.parse(Map.of("name", "Acme"), ""));
        CreatedConnectLink created = link(scope(List.of(), null), Optional.of(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        OpenConnectLinkResult refused = openLink.open(created.code());
        assertThat(refused).isInstanceOfSatisfying(OpenConnectLinkResult.Refused.class, r -> {
            assertThat(r.branding().name()).contains("Acme");
            assertThat(r.frameParents().origins()).containsExactly(APP);
        });
        assertThat(openLink.open("never-issued")).isInstanceOfSatisfying(OpenConnectLinkResult.Refused.class, r -> {
            assertThat(r.branding()).isEqualTo(Branding.DEFAULT);
            assertThat(r.frameParents().origins()).as("an unknown link names no workspace: no framing").isEmpty();
        });
    }

    @Test
    void a_used_link_is_refused_with_the_workspaces_framing_origins() {
        CreatedConnectLink created = link(scope(List.of(), null), Optional.empty());
        assertThat(openLink.open(created.code())).isInstanceOf(OpenConnectLinkResult.Opened.class);
        assertThat(openLink.open(created.code())).isInstanceOfSatisfying(OpenConnectLinkResult.Refused.class,
                r -> assertThat(r.frameParents().origins()).containsExactly(APP));
    }

    @Test
    void a_session_ends_two_hours_after_the_link_was_opened() {
        OpenConnectLinkResult.Opened opened = (OpenConnectLinkResult.Opened) openLink.open(link(scope(List.of(), null), Optional.empty()).code());
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(getSession.find(opened.sessionSecret())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(getSession.find(opened.sessionSecret())).isEmpty();
        assertThat(getSession.find("forged")).isEmpty();
    }

    @Test
    void the_links_branding_overrides_the_workspaces() {
        updateBranding.update(workspace, Branding.parse(Map.of("name", "Acme", "primary_color", "#0b57d0"), ""));
        PortalScope scope = new PortalScope(List.of(), Optional.empty(), Optional.empty(),
                Branding.parse(Map.of("primary_color", "#7a1fa2"), ""));
        OpenConnectLinkResult.Opened opened = (OpenConnectLinkResult.Opened) openLink.open(link(scope, Optional.empty()).code());
        Branding effective = getSession.find(opened.sessionSecret()).orElseThrow().branding();
        assertThat(effective.name()).contains("Acme");
        assertThat(effective.primaryColor()).contains(new HexColor("#7a1fa2"));
    }

    @Test
    void unknown_or_disabled_connectors_and_a_foreign_return_url_are_refused_together() {
        directory.configure(new ConfigureConnectorCommand(workspace, new ConnectorSlug("stripe"), Optional.of(false), Optional.empty(),
                Optional.empty(), Optional.empty()));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> link(scope(List.of("nope", "stripe"), "https://evil.example/back"), Optional.empty()));
        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("connectors", "connectors", "return_url");
        assertThat(stores.links()).isEmpty();
    }

    @Test
    void another_workspaces_account_is_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> createLink.create(new CreateConnectLinkCommand(
                WorkspaceId.random(), account, scope(List.of(), null), Optional.empty())));
        assertThat(e.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void branding_reports_its_warnings() {
        BrandingView view = updateBranding.update(workspace, Branding.parse(Map.of("primary_color", "#ffd700"), ""));
        assertThat(view.warnings()).isNotEmpty();
        assertThat(getBranding.get(workspace).branding().primaryColor()).contains(new HexColor("#ffd700"));
        assertThat(getBranding.get(WorkspaceId.random()).branding()).isEqualTo(Branding.DEFAULT);
    }
}
