package dev.latchkey.domain.session;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SessionGrantTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final LinkedAccountId ACCOUNT = new LinkedAccountId("cust-42");
    private static final LinkedAccountKey KEY = LinkedAccountKey.random();

    @Test
    void issue_binds_the_grant_to_the_workspace_account_and_its_key() {
        SessionGrant grant = SessionGrant.issue(WORKSPACE, ACCOUNT, KEY, SessionTtl.ofSeconds(900), NOW);

        assertThat(grant.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(grant.linkedAccountId()).isEqualTo(ACCOUNT);
        assertThat(grant.linkedAccountKey()).isEqualTo(KEY);
        assertThat(grant.issuedAt()).isEqualTo(NOW);
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(900));
    }

    @Test
    void every_issued_grant_has_its_own_token_id_of_at_most_64_characters() {
        SessionGrant first = SessionGrant.issue(WORKSPACE, ACCOUNT, KEY, SessionTtl.DEFAULT, NOW);
        SessionGrant second = SessionGrant.issue(WORKSPACE, ACCOUNT, KEY, SessionTtl.DEFAULT, NOW);

        assertThat(first.tokenId()).isNotBlank().hasSizeLessThanOrEqualTo(64);
        assertThat(first.tokenId()).isNotEqualTo(second.tokenId());
    }

    @Test
    void a_grant_is_not_expired_before_its_expiry() {
        SessionGrant grant = SessionGrant.issue(WORKSPACE, ACCOUNT, KEY, SessionTtl.ofSeconds(60), NOW);

        assertThat(grant.isExpiredAt(NOW)).isFalse();
        assertThat(grant.isExpiredAt(NOW.plusSeconds(59))).isFalse();
        assertThat(grant.isExpiredAt(NOW.plusSeconds(60).minusNanos(1))).isFalse();
    }

    @Test
    void a_grant_is_expired_at_the_exact_instant_of_its_expiry_and_after() {
        SessionGrant grant = SessionGrant.issue(WORKSPACE, ACCOUNT, KEY, SessionTtl.ofSeconds(60), NOW);

        assertThat(grant.isExpiredAt(NOW.plusSeconds(60))).isTrue();
        assertThat(grant.isExpiredAt(NOW.plusSeconds(60).plusNanos(1))).isTrue();
        assertThat(grant.isExpiredAt(NOW.plus(Duration.ofDays(365)))).isTrue();
    }

    @Test
    void a_grant_that_expires_when_or_before_it_is_issued_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionGrant("t1", WORKSPACE, ACCOUNT, KEY, NOW, NOW))
                .withMessageContaining("expiresAt");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionGrant("t1", WORKSPACE, ACCOUNT, KEY, NOW, NOW.minusSeconds(1)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void a_grant_without_a_token_id_is_refused(String tokenId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionGrant(tokenId, WORKSPACE, ACCOUNT, KEY, NOW, NOW.plusSeconds(60)))
                .withMessageContaining("tokenId");
    }

    @Test
    void a_token_id_of_64_characters_is_accepted_and_65_refused() {
        assertThat(new SessionGrant("t".repeat(64), WORKSPACE, ACCOUNT, KEY, NOW, NOW.plusSeconds(60)).tokenId()).hasSize(64);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionGrant("t".repeat(65), WORKSPACE, ACCOUNT, KEY, NOW, NOW.plusSeconds(60)));
    }

    @Test
    void every_part_is_required() {
        Instant later = NOW.plusSeconds(60);
        assertThatNullPointerException().isThrownBy(() -> new SessionGrant("t", null, ACCOUNT, KEY, NOW, later));
        assertThatNullPointerException().isThrownBy(() -> new SessionGrant("t", WORKSPACE, null, KEY, NOW, later));
        assertThatNullPointerException().isThrownBy(() -> new SessionGrant("t", WORKSPACE, ACCOUNT, null, NOW, later));
        assertThatNullPointerException().isThrownBy(() -> new SessionGrant("t", WORKSPACE, ACCOUNT, KEY, null, later));
        assertThatNullPointerException().isThrownBy(() -> new SessionGrant("t", WORKSPACE, ACCOUNT, KEY, NOW, null));
    }
}
