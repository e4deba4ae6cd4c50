package dev.latchkey.application.service;

import dev.latchkey.application.port.in.MintSessionTokenCommand;
import dev.latchkey.application.port.in.MintSessionTokenUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.session.SessionGrant;

import java.time.Clock;

public final class MintSessionTokenService implements MintSessionTokenUseCase {
    private final LinkedAccountStorePort accounts;
    private final Clock clock;

    public MintSessionTokenService(LinkedAccountStorePort accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public SessionGrant mint(MintSessionTokenCommand command) {
        LinkedAccount account = accounts.find(command.workspaceId(), command.linkedAccountId())
                .orElseThrow(() -> LinkedAccountErrors.notFound(command.linkedAccountId()));
        return SessionGrant.issue(account.workspaceId(), account.id(), account.key(), command.ttl(), clock.instant());
    }
}
