package dev.latchkey.adapters.web.portal;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock the server's beans read (the auth throttle's buckets); bootstrap provides it in the real service. */
@Factory
class TestClock {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
