package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code latchkey.refresh.*}: refreshing OAuth tokens, on demand and ahead of expiry. */
@ConfigurationProperties("latchkey.refresh")
public interface RefreshProperties {

    /** How long a request waits for a refresh another request started ({@code LATCHKEY_REFRESH_WAIT_SECONDS}). */
    @Bindable(defaultValue = "10s")
    Duration getWait();

    /** A connection whose token expires within this time is refreshed in the background. */
    @Bindable(defaultValue = "10m")
    Duration getWindow();

    /** How long an instance holds the connections it claimed to refresh before another may claim them. */
    @Bindable(defaultValue = "2m")
    Duration getLease();
}
