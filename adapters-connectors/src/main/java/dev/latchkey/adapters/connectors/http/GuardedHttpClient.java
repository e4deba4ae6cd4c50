package dev.latchkey.adapters.connectors.http;

import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one HTTP client for every request Latchkey sends to a provider or a webhook endpoint (token,
 * revocation, verification, identity, config options, webhooks): each URL passes the
 * {@link OutboundGuard} first, redirects are never followed, the response body is cut at 1 MiB, and
 * network failures become {@link ProviderException}s of kind UNAVAILABLE whose messages name only
 * the host.
 *
 * <p>Built on Apache HttpClient 5 because it takes a {@link DnsResolver}: the guard is that resolver,
 * so the socket connects to exactly the addresses the guard looked up and checked, once, while TLS
 * still sends the host name (SNI) and verifies the certificate against it. The JDK client has no such
 * hook and resolved the name a second time, after the check (DNS rebinding). Apache HttpClient is the
 * long-kept, widely used choice for a blocking client in a library that is not itself a web framework;
 * Micronaut's client would need Netty's resolver plumbing for the same effect, and its version is
 * managed by the Micronaut platform here all the same. Connections are pooled per host and address,
 * so a reused connection leads where a checked one did.
 */
@Singleton
public final class GuardedHttpClient implements AutoCloseable {
    /** Responses are cut at this many bytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Headers the client sets itself: a caller's value would contradict it. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

    private final OutboundGuard guard;
    private final CloseableHttpClient client;

    @Inject
    public GuardedHttpClient(OutboundGuard guard,
                             @Value("${latchkey.outbound.connect-timeout:10s}") Duration connectTimeout,
                             @Value("${latchkey.outbound.read-timeout:30s}") Duration readTimeout) {
        this(guard, connectTimeout, readTimeout, defaultTls());
    }

    /** With the default timeouts (10 s to connect, 30 s to read). */
    public GuardedHttpClient(OutboundGuard guard) {
        this(guard, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** @param tls what the certificates are verified against (tests trust their stub server's) */
    GuardedHttpClient(OutboundGuard guard, Duration connectTimeout, Duration readTimeout, SSLContext tls) {
        this.guard = guard;
        DnsResolver checkedAddresses = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return guard.resolve(host).toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout read = Timeout.of(readTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checkedAddresses)
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setMaxConnTotal(512)
                        .setMaxConnPerRoute(64)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(read)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent("Latchkey")
                .build();
    }

    public ProviderResponse send(ProviderRequest request) {
        URI uri = request.uri();
        guard.checkUrl(uri);
        HttpUriRequestBase outgoing = new HttpUriRequestBase(request.method(), uri);
        request.body().ifPresent(b -> outgoing.setEntity(new ByteArrayEntity(b.getBytes(StandardCharsets.UTF_8), null)));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                outgoing.addHeader(name, value);
            }
        });
        String host = uri.getHost();
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, outgoing, null);
            String body = body(outgoing, response.getEntity());
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            return new ProviderResponse(response.getCode(), headers, body);
        } catch (ConnectTimeoutException e) {
            throw ProviderException.unavailable("timed out connecting to " + host);
        } catch (SocketTimeoutException e) {
            throw ProviderException.unavailable("timed out waiting for " + host);
        } catch (IOException e) {
            throw ProviderException.unavailable("could not reach " + host + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            closeQuietly(response);
        }
    }

    /**
     * At most {@link #MAX_BODY_BYTES}. A longer body is not read on: the exchange is cancelled, which
     * drops its connection instead of draining the rest (which may never end) into the pool.
     */
    private static String body(HttpUriRequestBase request, HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
        if (in.read() != -1) {
            request.cancel();
        }
        return decode(bytes);
    }

    /** Gives a wholly read connection back to the pool; a cancelled one is already closed. */
    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException e) {
            // the connection is discarded; the answer was read already
        }
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body. */
    public ProviderResponse postForm(URI uri, Map<String, String> headers, Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send(new ProviderRequest("POST", uri, all, Optional.of(formEncode(form))));
    }

    /** {@code a=1&b=x+y}: application/x-www-form-urlencoded, UTF-8. */
    public static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> formEncode(e.getKey()) + "=" + formEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
