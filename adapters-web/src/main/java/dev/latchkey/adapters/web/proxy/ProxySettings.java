package dev.latchkey.adapters.web.proxy;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The proxy's limits: {@code latchkey.proxy.connect-timeout} (10 s) and {@code read-timeout} (30 s
 * without a byte from the provider is a 504, or a cut answer once it has begun; time the proxy spends
 * not reading from the provider because the caller is not taking the answer does not count), {@code
 * write-timeout} (60 s that a caller leaves the answer untaken, its connection full, before it is cut),
 * {@code idle-timeout} (60 s before an unused provider connection is closed), and the server's {@code
 * micronaut.server.max-request-size} for bodies.
 */
@Singleton
final class ProxySettings {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration idleTimeout;
    private final long maxRequestSize;

    ProxySettings(@Value("${latchkey.proxy.connect-timeout:10s}") Duration connectTimeout,
                  @Value("${latchkey.proxy.read-timeout:30s}") Duration readTimeout,
                  @Value("${latchkey.proxy.write-timeout:60s}") Duration writeTimeout,
                  @Value("${latchkey.proxy.idle-timeout:60s}") Duration idleTimeout,
                  @Value("${micronaut.server.max-request-size:10485760}") long maxRequestSize) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.writeTimeout = writeTimeout;
        this.idleTimeout = idleTimeout;
        this.maxRequestSize = maxRequestSize;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    Duration writeTimeout() {
        return writeTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    long maxRequestSize() {
        return maxRequestSize;
    }
}
