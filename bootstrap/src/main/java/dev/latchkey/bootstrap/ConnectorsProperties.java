package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code latchkey.connectors.*}: how the connector directory remembers what it read. */
@ConfigurationProperties("latchkey.connectors")
public interface ConnectorsProperties {

    /**
     * How long a workspace's view of a connector (definition and settings) is remembered, so the
     * proxy's path reads neither; a change made on another instance shows here within this time.
     */
    @Bindable(defaultValue = "5s")
    Duration getRememberViews();
}
