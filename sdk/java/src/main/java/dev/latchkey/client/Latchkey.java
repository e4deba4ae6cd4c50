package dev.latchkey.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Latchkey from your backend, with your workspace's API key. Thread-safe; build one and share it.
 *
 * <pre>{@code
 * Latchkey latchkey = Latchkey.builder("https://connect.acme.com", System.getenv("LATCHKEY_API_KEY")).build();
 * latchkey.linkedAccounts().create("cust-42", "Acme Inc", Map.of("plan", "pro"));
 * SessionToken session = latchkey.sessionTokens().mint("cust-42", Duration.ofMinutes(10));
 * try (ProxyResponse contacts = latchkey.proxy("hubspot", "cust-42").get("/crm/v3/objects/contacts")) { ... }
 * }</pre>
 *
 * Every failure is a {@link LatchkeyException} with Latchkey's status, stable code and field errors.
 */
public final class Latchkey {
    private final Transport transport;
    private final LinkedAccounts linkedAccounts;
    private final SessionTokens sessionTokens;
    private final ConnectLinks connectLinks;
    private final Connectors connectors;
    private final Connections connections;
    private final Webhooks webhooks;
    private final Workspace workspace;

    private Latchkey(Transport transport) {
        this.transport = transport;
        this.linkedAccounts = new LinkedAccounts(transport);
        this.sessionTokens = new SessionTokens(transport);
        this.connectLinks = new ConnectLinks(transport);
        this.connectors = new Connectors(transport);
        this.connections = new Connections(transport);
        this.webhooks = new Webhooks(transport);
        this.workspace = new Workspace(transport);
    }

    /**
     * @param baseUrl where your backend reaches Latchkey, e.g. {@code https://connect.acme.com}
     * @param apiKey  the workspace's API key ({@code lk_live_...} or {@code lk_test_...}); never give it to a browser
     */
    public static Builder builder(String baseUrl, String apiKey) {
        return new Builder(baseUrl, apiKey);
    }

    public LinkedAccounts linkedAccounts() {
        return linkedAccounts;
    }

    public SessionTokens sessionTokens() {
        return sessionTokens;
    }

    public ConnectLinks connectLinks() {
        return connectLinks;
    }

    public Connectors connectors() {
        return connectors;
    }

    public Connections connections() {
        return connections;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public Workspace workspace() {
        return workspace;
    }

    /**
     * Calls {@code connector}'s API as {@code linkedAccountId} through the proxy:
     * {@code proxy("hubspot", "cust-42").get("/crm/v3/objects/contacts")}.
     */
    public Proxy proxy(String connector, String linkedAccountId) {
        return new Proxy(transport, connector, linkedAccountId, null, List.of());
    }

    @Override
    public String toString() {
        return "Latchkey[" + transport.base() + ", apiKey=***]";
    }

    public static final class Builder {
        private final URI baseUrl;
        private final String apiKey;
        private HttpClient httpClient;
        private Duration timeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Transport.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
        private Clock clock = Clock.systemUTC();

        private Builder(String baseUrl, String apiKey) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is required: the workspace's API key (lk_live_... or lk_test_...)");
            }
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            URI uri = URI.create(base + "/");
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an http(s) URL such as https://connect.acme.com; was " + baseUrl);
            }
            this.baseUrl = uri;
            this.apiKey = apiKey;
        }

        /**
         * Your own {@link HttpClient} (proxy settings, executor, SSL context); by default one speaking HTTP/1.1 with a
         * 10 s connect timeout that follows no redirects.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** How long to wait for an answer's headers (a proxied body then streams as long as it takes); 60 s by default. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** {@link RetryPolicy#DEFAULT} unless changed; {@link RetryPolicy#none()} turns retries off. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** For tests of the retries: records waits instead of waiting; reads HTTP-date Retry-After against this clock. */
        Builder waits(Transport.Sleeper sleeper, Clock clock) {
            this.sleeper = sleeper;
            this.clock = clock;
            return this;
        }

        public Latchkey build() {
            HttpClient http = httpClient != null ? httpClient
                    // HTTP/1.1: what Latchkey serves (its proxy is an HTTP/1.1 handler); no h2c upgrade attempts on http URLs.
                    : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                            .followRedirects(HttpClient.Redirect.NEVER).build();
            return new Latchkey(new Transport(baseUrl, apiKey, http, timeout, retryPolicy, sleeper, clock));
        }
    }
}
