package dev.latchkey.application.service;

import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class VerifySessionGrantServiceTest extends SessionServicesTest {

    @Test
    void a_fresh_grant_is_live_until_just_before_it_expires() {
        SessionGrant grant = mint(SessionTtl.ofSeconds(120));

        assertThat(verify.isLive(grant)).isTrue();
        clock.advance(Duration.ofSeconds(120).minusMillis(1));
        assertThat(verify.isLive(grant)).isTrue();
    }

    @Test
    void an_expired_grant_is_not_live() {
        SessionGrant grant = mint(SessionTtl.ofSeconds(120));

        clock.advance(Duration.ofSeconds(120));

        assertThat(verify.isLive(grant)).isFalse();
    }

    @Test
    void a_grant_is_not_live_once_its_account_is_deleted() {
        SessionGrant grant = mint(SessionTtl.DEFAULT);

        delete.delete(workspace, accountId);

        assertThat(verify.isLive(grant)).isFalse();
    }

    @Test
    void an_old_grant_stays_dead_when_the_account_is_deleted_and_created_again_with_the_same_id() {
        SessionGrant oldGrant = mint(SessionTtl.DEFAULT);
        delete.delete(workspace, accountId);

        LinkedAccount reborn = createAccount();
        SessionGrant newGrant = mint(SessionTtl.DEFAULT);

        assertThat(reborn.id()).isEqualTo(account.id());
        assertThat(reborn.key()).isNotEqualTo(account.key());
        assertThat(verify.isLive(oldGrant)).isFalse();
        assertThat(verify.isLive(newGrant)).isTrue();
    }

    @Test
    void a_grant_naming_another_workspace_than_the_account_s_is_not_live() {
        SessionGrant genuine = mint(SessionTtl.DEFAULT);
        SessionGrant forged = new SessionGrant(genuine.tokenId(), WorkspaceId.random(), genuine.linkedAccountId(),
                genuine.linkedAccountKey(), genuine.issuedAt(), genuine.expiresAt());

        assertThat(verify.isLive(forged)).isFalse();
    }
}
