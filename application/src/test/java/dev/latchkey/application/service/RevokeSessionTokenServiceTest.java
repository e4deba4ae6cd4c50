package dev.latchkey.application.service;

import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RevokeSessionTokenServiceTest extends SessionServicesTest {

    @Test
    void a_revoked_grant_is_no_longer_live() {
        SessionGrant grant = mint(SessionTtl.DEFAULT);
        assertThat(verify.isLive(grant)).isTrue();

        revoke.revoke(workspace, grant);

        assertThat(verify.isLive(grant)).isFalse();
    }

    @Test
    void revoking_one_grant_leaves_other_grants_of_the_same_account_live() {
        SessionGrant revoked = mint(SessionTtl.DEFAULT);
        SessionGrant kept = mint(SessionTtl.DEFAULT);

        revoke.revoke(workspace, revoked);

        assertThat(verify.isLive(kept)).isTrue();
    }

    @Test
    void revoking_another_workspace_s_grant_is_session_token_not_found_and_revokes_nothing() {
        SessionGrant grant = mint(SessionTtl.DEFAULT);

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class,
                () -> revoke.revoke(WorkspaceId.random(), grant));

        assertThat(notFound.code()).isEqualTo("session_token_not_found");
        assertThat(revocations.isRevoked(grant.tokenId())).isFalse();
        assertThat(verify.isLive(grant)).isTrue();
    }

    @Test
    void revoking_twice_is_fine() {
        SessionGrant grant = mint(SessionTtl.DEFAULT);
        revoke.revoke(workspace, grant);

        assertThatCode(() -> revoke.revoke(workspace, grant)).doesNotThrowAnyException();
        assertThat(verify.isLive(grant)).isFalse();
    }

    @Test
    void revoking_an_expired_grant_stores_nothing_and_it_stays_dead() {
        SessionGrant grant = mint(SessionTtl.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));

        revoke.revoke(workspace, grant);

        assertThat(revocations.size()).isZero();
        assertThat(verify.isLive(grant)).isFalse();
    }

    @Test
    void revoking_a_grant_one_instant_before_expiry_stores_it() {
        SessionGrant grant = mint(SessionTtl.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60).minusNanos(1));

        revoke.revoke(workspace, grant);

        assertThat(revocations.isRevoked(grant.tokenId())).isTrue();
    }

    @Test
    void purge_forgets_only_revocations_of_tokens_that_have_expired() {
        SessionGrant shortLived = mint(SessionTtl.ofSeconds(60));
        SessionGrant longLived = mint(SessionTtl.DEFAULT);
        revoke.revoke(workspace, shortLived);
        revoke.revoke(workspace, longLived);

        clock.advance(java.time.Duration.ofMinutes(2));

        assertThat(new PurgeExpiredRevocationsService(revocations, clock).purge()).isEqualTo(1);
        assertThat(revocations.isRevoked(longLived.tokenId())).isTrue();
        assertThat(revocations.isRevoked(shortLived.tokenId())).isFalse();
        assertThat(verify.isLive(longLived)).isFalse();
    }
}
