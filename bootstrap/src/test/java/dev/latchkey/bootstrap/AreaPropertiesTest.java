package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings the area factories give their services: the documented defaults, and the property names operators set. */
class AreaPropertiesTest {

    private static Map<String, Object> base() {
        Map<String, Object> properties = new HashMap<>(TestPostgres.freshDatabaseProperties());
        properties.put("latchkey.session-secret", ApiTest.SESSION_SECRET);
        properties.put("latchkey.encryption-keys", ApiTest.ENCRYPTION_KEYS);
        properties.put("micronaut.server.port", -1);
        return properties;
    }

    @Test
    void without_settings_every_area_uses_the_documented_defaults() {
        try (ApplicationContext context = ApplicationContext.run(base())) {
            RefreshProperties refresh = context.getBean(RefreshProperties.class);
            assertThat(refresh.getWait()).isEqualTo(Duration.ofSeconds(10));
            assertThat(refresh.getWindow()).isEqualTo(Duration.ofMinutes(10));
            assertThat(refresh.getLease()).isEqualTo(Duration.ofMinutes(2));
            ProxyProperties proxy = context.getBean(ProxyProperties.class);
            assertThat(proxy.getRememberTargets()).isEqualTo(Duration.ofSeconds(2));
            assertThat(proxy.getRememberedTargetsMax()).isEqualTo(10_000);
            assertThat(context.getBean(ConnectorsProperties.class).getRememberViews()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(NetworkProperties.class).isAllowPrivateNetwork()).isFalse();
        }
    }

    @Test
    void each_setting_is_read_from_its_property() {
        Map<String, Object> properties = base();
        properties.put("latchkey.refresh.wait", "3s");
        properties.put("latchkey.refresh.window", "20m");
        properties.put("latchkey.refresh.lease", "90s");
        properties.put("latchkey.proxy.remember-targets", "0s");
        properties.put("latchkey.proxy.remembered-targets-max", "50");
        properties.put("latchkey.connectors.remember-views", "1s");
        properties.put("latchkey.allow-private-network", "true");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            RefreshProperties refresh = context.getBean(RefreshProperties.class);
            assertThat(refresh.getWait()).isEqualTo(Duration.ofSeconds(3));
            assertThat(refresh.getWindow()).isEqualTo(Duration.ofMinutes(20));
            assertThat(refresh.getLease()).isEqualTo(Duration.ofSeconds(90));
            ProxyProperties proxy = context.getBean(ProxyProperties.class);
            assertThat(proxy.getRememberTargets()).isEqualTo(Duration.ZERO);
            assertThat(proxy.getRememberedTargetsMax()).isEqualTo(50);
            assertThat(context.getBean(ConnectorsProperties.class).getRememberViews()).isEqualTo(Duration.ofSeconds(1));
            assertThat(context.getBean(NetworkProperties.class).isAllowPrivateNetwork()).isTrue();
        }
    }
}
