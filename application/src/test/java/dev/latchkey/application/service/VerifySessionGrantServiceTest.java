package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryTransactions;
import java.util.List;

import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemorySessionRevocationStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.application.port.in.MintSessionTokenCommand;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VerifySessionGrantServiceTest {

    private static final Instant T0 = Instant.parse("2025-05-05T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemorySessionRevocationStore revocations = new InMemorySessionRevocationStore();
    private final CreateLinkedAccountService create = new CreateLinkedAccountService(accounts, clock);
    private final DeleteLinkedAccountService delete = new DeleteLinkedAccountService(accounts, new InMemoryConnectionStore(), (ws, slug) -> {
        throw new IllegalStateException("no connector is looked up without connections");
    }, List.of(), new InMemoryEventOutbox(), new InMemoryTransactions(), clock);
    private final MintSessionTokenService mint = new MintSessionTokenService(accounts, clock);
    private final RevokeSessionTokenService revoke = new RevokeSessionTokenService(revocations, clock);
    private final VerifySessionGrantService verify = new VerifySessionGrantService(revocations, accounts, clock);

    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId accountId = new LinkedAccountId("cust-42");
    private LinkedAccount account;

    @BeforeEach
    void an_account_exists() {
        account = createAccount();
    }

    private LinkedAccount createAccount() {
        return create.create(new CreateLinkedAccountCommand(workspace, accountId, Optional.empty(), Metadata.EMPTY));
    }

    private SessionGrant mint(SessionTtl ttl) {
        return mint.mint(new MintSessionTokenCommand(workspace, accountId, ttl));
    }

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
