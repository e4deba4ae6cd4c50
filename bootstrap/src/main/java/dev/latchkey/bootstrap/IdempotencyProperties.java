package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code latchkey.idempotency.*}: how a duplicate of a request still running waits for its answer. */
@ConfigurationProperties("latchkey.idempotency")
public interface IdempotencyProperties {

    /** How long a duplicate waits for the first run's answer before it is told {@code 409 idempotency_key_in_progress}. */
    @Bindable(defaultValue = "10s")
    Duration getWait();

    /** How often a waiting duplicate looks for the answer. */
    @Bindable(defaultValue = "100ms")
    Duration getPoll();

    /** A key held this long by a run that never answered (its process stopped) is taken over by the next request. */
    @Bindable(defaultValue = "2m")
    Duration getAbandonedAfter();
}
