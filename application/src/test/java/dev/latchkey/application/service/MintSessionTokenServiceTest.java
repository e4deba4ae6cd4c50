package dev.latchkey.application.service;

import dev.latchkey.application.port.in.MintSessionTokenCommand;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MintSessionTokenServiceTest extends SessionServicesTest {

    @Test
    void the_grant_carries_the_account_key_workspace_and_ttl() {
        SessionGrant grant = mint(SessionTtl.ofSeconds(900));

        assertThat(grant.workspaceId()).isEqualTo(workspace);
        assertThat(grant.linkedAccountId()).isEqualTo(accountId);
        assertThat(grant.linkedAccountKey()).isEqualTo(account.key());
        assertThat(grant.issuedAt()).isEqualTo(T0);
        assertThat(grant.expiresAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void the_grant_is_issued_at_the_clock_s_current_time() {
        clock.advance(Duration.ofMinutes(7));

        SessionGrant grant = mint(SessionTtl.DEFAULT);

        assertThat(grant.issuedAt()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
        assertThat(Duration.between(grant.issuedAt(), grant.expiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void minting_for_an_unknown_account_is_linked_account_not_found() {
        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> mint.mint(
                new MintSessionTokenCommand(workspace, new LinkedAccountId("nobody"), SessionTtl.DEFAULT)));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void minting_for_another_workspace_s_account_is_linked_account_not_found() {
        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> mint.mint(
                new MintSessionTokenCommand(WorkspaceId.random(), accountId, SessionTtl.DEFAULT)));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void each_mint_makes_a_distinct_token() {
        assertThat(mint(SessionTtl.DEFAULT).tokenId()).isNotEqualTo(mint(SessionTtl.DEFAULT).tokenId());
    }
}
