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
import dev.latchkey.domain.NotFoundException;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MintSessionTokenServiceTest {

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
