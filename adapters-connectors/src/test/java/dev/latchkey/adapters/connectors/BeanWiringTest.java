package dev.latchkey.adapters.connectors;

import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapters as Micronaut builds them: every scheme discovered, one per type, settings read from properties. */
class BeanWiringTest {

    @Test
    void every_scheme_is_a_discovered_bean_with_a_type_of_its_own() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("latchkey.allow-private-network", "true", "latchkey.outbound.read-timeout", "5s"))
                .singletons(Clock.systemUTC())
                .start()) {
            // A new scheme is one more bean: listed here only through what every scheme must be (discovered, its type its own).
            assertThat(context.getBeansOfType(AuthSchemePort.class)).extracting(AuthSchemePort::type).doesNotHaveDuplicates()
                    .contains("oauth2", "oauth2_client_credentials", "api_key", "basic", "github_app", "oauth1");
            assertThat(context.getBean(ConnectorCatalogPort.class).all()).hasSizeGreaterThanOrEqualTo(25);
            assertThat(context.getBean(ProviderHttpPort.class)).isNotNull();
            assertThat(context.getBean(OutboundGuard.class).allowsPrivateNetwork()).isTrue();
            assertThat(context.getBean(GuardedHttpClient.class)).isNotNull();
        }
    }

    @Test
    void private_networks_are_refused_unless_configured() {
        try (ApplicationContext context = ApplicationContext.builder().singletons(Clock.systemUTC()).start()) {
            assertThat(context.getBean(OutboundGuard.class).allowsPrivateNetwork()).isFalse();
        }
    }
}
