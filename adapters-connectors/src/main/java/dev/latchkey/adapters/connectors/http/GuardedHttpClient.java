package dev.latchkey.adapters.connectors.http;

import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one HTTP client for every request Latchkey sends to a provider (token, revocation,
 * verification, identity, proxy): each request passes the {@link OutboundGuard} first, redirects
 * are never followed, the response body is cut at 1 MiB, and network failures become
 * {@link ProviderException}s of kind UNAVAILABLE whose messages name only the host.
 */
@Singleton
public final class GuardedHttpClient implements AutoCloseable {
    /** Responses are cut at this many bytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final OutboundGuard guard;
    private final Duration readTimeout;
    private final HttpClient client;

    @Inject
    public GuardedHttpClient(OutboundGuard guard,
                             @Value("${latchkey.outbound.connect-timeout:10s}") Duration connectTimeout,
                             @Value("${latchkey.outbound.read-timeout:30s}") Duration readTimeout) {
        this.guard = guard;
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** With the default timeouts (10 s to connect, 30 s to read). */
    public GuardedHttpClient(OutboundGuard guard) {
        this(guard, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public ProviderResponse send(ProviderRequest request) {
        URI uri = request.uri();
        guard.check(uri);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .method(request.method(), request.body()
                        .map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        String host = uri.getHost();
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = decode(in.readNBytes(MAX_BODY_BYTES));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!values.isEmpty() && !name.startsWith(":")) {
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
            });
            return new ProviderResponse(response.statusCode(), headers, body);
        } catch (HttpConnectTimeoutException e) {
            throw ProviderException.unavailable("timed out connecting to " + host);
        } catch (HttpTimeoutException e) {
            throw ProviderException.unavailable("timed out waiting for " + host);
        } catch (IOException e) {
            throw ProviderException.unavailable("could not reach " + host + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted while calling " + host);
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

    @PreDestroy
    @Override
    public void close() {
        client.close();
    }
}
