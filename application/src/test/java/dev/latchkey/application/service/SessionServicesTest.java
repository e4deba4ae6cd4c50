package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemorySessionRevocationStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.application.port.in.MintSessionTokenCommand;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture the session-token service tests share: one clock, the stores, every session service
 * and one linked account that exists before each test.
 */
abstract class SessionServicesTest {
    protected static final Instant T0 = Instant.parse("2025-05-05T08:00:00Z");

    protected final MutableClock clock = new MutableClock(T0);
    protected final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    protected final InMemorySessionRevocationStore revocations = new InMemorySessionRevocationStore();
    protected final CreateLinkedAccountService create = new CreateLinkedAccountService(accounts, clock);
    protected final DeleteLinkedAccountService delete = new DeleteLinkedAccountService(accounts, new InMemoryConnectionStore(), (ws, slug) -> {
        throw new IllegalStateException("no connector is looked up without connections");
    }, List.of(), new InMemoryEventOutbox(), new InMemoryTransactions(), clock);
    protected final MintSessionTokenService mint = new MintSessionTokenService(accounts, clock);
    protected final RevokeSessionTokenService revoke = new RevokeSessionTokenService(revocations, clock);
    protected final VerifySessionGrantService verify = new VerifySessionGrantService(revocations, accounts, clock);

    protected final WorkspaceId workspace = WorkspaceId.random();
    protected final LinkedAccountId accountId = new LinkedAccountId("cust-42");
    protected LinkedAccount account;

    @BeforeEach
    void an_account_exists() {
        account = createAccount();
    }

    protected LinkedAccount createAccount() {
        return create.create(new CreateLinkedAccountCommand(workspace, accountId, Optional.empty(), Metadata.EMPTY));
    }

    protected SessionGrant mint(SessionTtl ttl) {
        return mint.mint(new MintSessionTokenCommand(workspace, accountId, ttl));
    }
}
