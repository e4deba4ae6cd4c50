package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.portal.BrandingPersistenceAdapter;
import dev.latchkey.adapters.persistence.portal.PortalPersistenceAdapter;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class PortalPersistenceAdapterTest extends EncryptedPersistenceTest {
    @Inject
    PortalPersistenceAdapter portal;
    @Inject
    BrandingPersistenceAdapter branding;

    private static PortalScope scope() {
        return new PortalScope(List.of(new ConnectorSlug("hubspot"), new ConnectorSlug("slack")), Optional.of("pipeline-2"),
                Optional.of("https://app.acme.com/back?x=1"),
                Branding.parse(Map.of("primary_color", "#7a1fa2", "labels", Map.of("done_button", "Zurück")), "branding."));
    }

    private ConnectLink link(WorkspaceId ws, LinkedAccount account, Duration lifetime) {
        return new ConnectLink("code-" + UUID.randomUUID(), ws, account.key(), account.id(), scope(), NOW, NOW.plus(lifetime));
    }

    @Test
    void a_link_is_taken_once_with_its_whole_scope() {
        WorkspaceId ws = newWorkspace();
        ConnectLink saved = link(ws, newAccount(ws), Duration.ofHours(1));
        portal.save(saved);

        ConnectLink taken = portal.take(saved.codeHash(), NOW.plusSeconds(5)).orElseThrow();
        assertThat(taken.scope()).isEqualTo(saved.scope());
        assertThat(taken.accountKey()).isEqualTo(saved.accountKey());
        assertThat(portal.take(saved.codeHash(), NOW.plusSeconds(6))).isEmpty();
        assertThat(portal.workspaceOf(saved.codeHash())).contains(ws);
    }

    @Test
    void an_expired_link_is_not_taken() {
        WorkspaceId ws = newWorkspace();
        ConnectLink saved = link(ws, newAccount(ws), Duration.ofMinutes(1));
        portal.save(saved);
        assertThat(portal.take(saved.codeHash(), NOW.plusSeconds(60))).isEmpty();
        assertThat(portal.take("code-never-issued", NOW)).isEmpty();
    }

    @Test
    void the_database_refuses_a_link_living_longer_than_seven_days() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        ConnectLink tooLong = new ConnectLink("code-" + UUID.randomUUID(), ws, account.key(), account.id(), scope(), NOW,
                NOW.plus(Duration.ofDays(7)).plusSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> portal.save(tooLong)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void of_many_concurrent_visits_of_one_link_exactly_one_opens_it() throws Exception {
        WorkspaceId ws = newWorkspace();
        ConnectLink saved = link(ws, newAccount(ws), Duration.ofHours(1));
        portal.save(saved);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<ConnectLink>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> portal.take(saved.codeHash(), NOW));
            }
            int opened = 0;
            for (Future<Optional<ConnectLink>> result : pool.invokeAll(calls)) {
                opened += result.get().isPresent() ? 1 : 0;
            }
            assertThat(opened).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_session_is_found_until_it_expires_and_dies_with_its_account() throws Exception {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        ConnectLink link = link(ws, account, Duration.ofHours(1));
        portal.save(link);
        PortalSession session = PortalSession.openedFrom(link, "session-" + UUID.randomUUID(), NOW);
        portal.save(session);

        assertThat(portal.find(session.idHash(), NOW.plusSeconds(1))).hasValueSatisfying(found -> {
            assertThat(found.scope()).isEqualTo(link.scope());
            assertThat(found.accountId()).isEqualTo(account.id());
        });
        assertThat(portal.find(session.idHash(), session.expiresAt())).isEmpty();

        accounts.delete(ws, account.id());
        assertThat(portal.find(session.idHash(), NOW)).isEmpty();
        try (java.sql.Connection db = jdbc();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM connect_links WHERE workspace_id = ?")) {
            query.setObject(1, ws.value());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("links cascade with the account").isZero();
            }
        }
    }

    @Test
    void branding_reads_back_as_saved_per_workspace() {
        WorkspaceId ws = newWorkspace();
        assertThat(branding.find(ws)).isEqualTo(Branding.DEFAULT);
        Branding saved = Branding.parse(Map.of("name", "Acme", "theme", "dark", "border_radius", 4, "hide_powered_by", true,
                "labels", Map.of("portal_title", "Hallo")), "");
        branding.save(ws, saved);
        assertThat(branding.find(ws)).isEqualTo(saved);
        branding.save(ws, Branding.DEFAULT);
        assertThat(branding.find(ws)).isEqualTo(Branding.DEFAULT);
        assertThat(branding.find(newWorkspace())).isEqualTo(Branding.DEFAULT);
    }
}
