package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** The clock and the randomness every service is given, so that tests can give their own. */
@Factory
public class PlatformFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
