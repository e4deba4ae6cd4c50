package dev.latchkey.adapters.web.proxy;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The proxy's client to providers: its own timeouts (a slow provider is a 504), no redirects followed
 * (the caller sees the provider's 3xx), on the server's event loops so a proxied exchange does not
 * hop between two sets of threads.
 */
@Singleton
public class ProxyClientConfiguration extends HttpClientConfiguration {
    private final ConnectionPoolConfiguration pool = new ConnectionPoolConfiguration();

    public ProxyClientConfiguration(ApplicationConfiguration application,
                                    @Value("${latchkey.proxy.connect-timeout:10s}") Duration connectTimeout,
                                    @Value("${latchkey.proxy.read-timeout:30s}") Duration readTimeout) {
        super(application);
        setConnectTimeout(connectTimeout);
        setReadTimeout(readTimeout);
        setFollowRedirects(false);
    }

    @Override
    public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
        return pool;
    }
}
