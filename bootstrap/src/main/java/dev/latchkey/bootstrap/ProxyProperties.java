package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code latchkey.proxy.*}: how the proxy remembers the targets it prepared (its timeouts are the web adapter's). */
@ConfigurationProperties("latchkey.proxy")
public interface ProxyProperties {

    /**
     * How long a prepared target (base URL and credentials of a connection) is remembered, so that a
     * burst of proxied calls costs one preparation; a write to the connection here forgets it at once.
     */
    @Bindable(defaultValue = "2s")
    Duration getRememberTargets();

    /** At most this many targets are remembered: when full, all are forgotten and prepared again as they are used. */
    @Bindable(defaultValue = "10000")
    int getRememberedTargetsMax();
}
