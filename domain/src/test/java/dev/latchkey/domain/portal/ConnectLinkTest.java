package dev.latchkey.domain.portal;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectLinkTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void a_lifetime_is_one_minute_to_seven_days() {
        assertThat(ConnectLink.lifetime(60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ConnectLink.lifetime(604_800)).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> ConnectLink.lifetime(59)).hasMessageContaining("60 to 604800");
        assertThatThrownBy(() -> ConnectLink.lifetime(604_801)).hasMessageContaining("7 days");
        assertThat(ConnectLink.DEFAULT_LIFETIME).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_scope_without_connectors_allows_every_app_and_with_them_only_those() {
        PortalScope all = new PortalScope(List.of(), Optional.empty(), Optional.empty(), Branding.DEFAULT);
        PortalScope some = new PortalScope(List.of(new ConnectorSlug("hubspot"), new ConnectorSlug("hubspot")), Optional.of("pipeline-2"),
                Optional.empty(), Branding.DEFAULT);
        assertThat(all.allows(new ConnectorSlug("slack"))).isTrue();
        assertThat(some.allows(new ConnectorSlug("hubspot"))).isTrue();
        assertThat(some.allows(new ConnectorSlug("slack"))).isFalse();
        assertThat(some.connectors()).hasSize(1);
        assertThatThrownBy(() -> new PortalScope(List.of(), Optional.of("no spaces"), Optional.empty(), Branding.DEFAULT))
                .hasMessageContaining("lowercase letters, digits");
    }

    @Test
    void a_session_opened_from_a_link_keeps_its_scope_and_lives_two_hours() {
        PortalScope scope = new PortalScope(List.of(new ConnectorSlug("hubspot")), Optional.empty(), Optional.of("https://app.example/x"),
                Branding.DEFAULT);
        ConnectLink link = new ConnectLink("hash", new WorkspaceId(UUID.randomUUID()), new LinkedAccountKey(UUID.randomUUID()),
                new LinkedAccountId("cust-1"), scope, NOW, NOW.plusSeconds(3600));
        PortalSession session = PortalSession.openedFrom(link, "session-hash", NOW.plusSeconds(10));
        assertThat(session.scope()).isEqualTo(scope);
        assertThat(session.accountId()).isEqualTo(link.accountId());
        assertThat(session.liveAt(NOW.plus(Duration.ofHours(2)))).isTrue();
        assertThat(session.liveAt(NOW.plus(Duration.ofHours(2)).plusSeconds(10))).isFalse();
        assertThatThrownBy(() -> new ConnectLink("hash", link.workspaceId(), link.accountKey(), link.accountId(), scope, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
