package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.SessionRevocationStorePort;
import dev.latchkey.application.service.MintSessionTokenService;
import dev.latchkey.application.service.PurgeExpiredRevocationsService;
import dev.latchkey.application.service.RevokeSessionTokenService;
import dev.latchkey.application.service.VerifySessionGrantService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The session-token use cases: the short-lived tokens a platform's front end holds for one linked account. */
@Factory
public class SessionsFactory {

    @Singleton
    MintSessionTokenService mintSessionToken(LinkedAccountStorePort accounts, Clock clock) {
        return new MintSessionTokenService(accounts, clock);
    }

    @Singleton
    RevokeSessionTokenService revokeSessionToken(SessionRevocationStorePort revocations, Clock clock) {
        return new RevokeSessionTokenService(revocations, clock);
    }

    @Singleton
    PurgeExpiredRevocationsService purgeExpiredRevocations(SessionRevocationStorePort revocations, Clock clock) {
        return new PurgeExpiredRevocationsService(revocations, clock);
    }

    @Singleton
    VerifySessionGrantService verifySessionGrant(SessionRevocationStorePort revocations, LinkedAccountStorePort accounts, Clock clock) {
        return new VerifySessionGrantService(revocations, accounts, clock);
    }
}
