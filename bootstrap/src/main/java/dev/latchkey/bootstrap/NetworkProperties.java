package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code latchkey.*}: where Latchkey may send requests ({@code LATCHKEY_ALLOW_PRIVATE_NETWORK}). */
@ConfigurationProperties("latchkey")
public interface NetworkProperties {

    /**
     * Whether connectors and webhooks may reach private, loopback and link-local addresses and plain
     * http; off by default, so a definition or a webhook URL cannot aim Latchkey at the internal network.
     */
    @Bindable(defaultValue = "false")
    boolean isAllowPrivateNetwork();
}
