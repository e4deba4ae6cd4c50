package dev.latchkey.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stricter OAuth provider than mock-oauth2-server, for refresh storms: its token endpoint rotates
 * refresh tokens strictly (a refresh token works once; used again it is {@code invalid_grant}), and its
 * API ({@code /api/**}) accepts only the latest access token it issued — every other token is a 401.
 * {@link #revokeAccessToken()} makes it stop accepting the current one (revoked, or rotated elsewhere).
 * It counts the token endpoint's calls and the refresh tokens it saw used twice.
 */
final class StrictOAuthProvider implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(80);
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicInteger invalidGrants = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private String refreshToken;
    private String accessToken;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile int failWith;

    /** Starts on a free loopback port, holding one grant: {@code accessToken} with {@code refreshToken}. */
    StrictOAuthProvider(String accessToken, String refreshToken) {
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        TestSecrets.register(accessToken, refreshToken);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/api", this::api);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The provider no longer accepts the current access token; the refresh token still works (once). */
    synchronized void revokeAccessToken() {
        accessToken = null;
    }

    /** The token endpoint takes requests but does not answer until {@link #answer()} (a hung provider). */
    void hang() {
        held = new CountDownLatch(1);
        hold = new CountDownLatch(1);
    }

    /** The hung token endpoint answers what it holds, and the next ones at once. */
    void answer() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** Waits (bounded) until a token request is being held. */
    boolean awaitHeldRequest() throws InterruptedException {
        return held.await(30, TimeUnit.SECONDS);
    }

    /** The token endpoint answers {@code status} (5xx) with {@code Retry-After: 120}; 0 to answer normally again. */
    void failTokenRequestsWith(int status) {
        failWith = status;
    }

    int tokenCalls() {
        return tokenCalls.get();
    }

    /** Refresh tokens presented after they had been used: a proxy that did this would have expired the connection. */
    int invalidGrants() {
        return invalidGrants.get();
    }

    int apiCalls() {
        return apiCalls.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            tokenCalls.incrementAndGet();
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            CountDownLatch h = hold;
            if (h != null) {
                held.countDown();
                try {
                    h.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failWith != 0) {
                exchange.getResponseHeaders().set("Retry-After", "120");
                send(exchange, failWith, "{\"error\": \"temporarily_unavailable\"}");
                return;
            }
            String answer;
            synchronized (this) {
                if (!"refresh_token".equals(form.get("grant_type")) || refreshToken == null || !refreshToken.equals(form.get("refresh_token"))) {
                    invalidGrants.incrementAndGet();
                    answer = null;
                } else {
                    int n = issued.incrementAndGet();
                    accessToken = "strict-at-" + n;
                    refreshToken = "strict-rt-" + n;
                    TestSecrets.register(accessToken, refreshToken);
                    answer = "{\"access_token\": \"" + accessToken + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600, "
                            + "\"refresh_token\": \"" + refreshToken + "\"}";
                }
            }
            if (answer == null) {
                send(exchange, 400, "{\"error\": \"invalid_grant\", \"error_description\": \"refresh token already used\"}");
            } else {
                send(exchange, 200, answer);
            }
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            apiCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean current;
            synchronized (this) {
                current = accessToken != null && ("Bearer " + accessToken).equals(authorization);
            }
            if (current) {
                send(exchange, 200, "{\"ok\": true}");
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                send(exchange, 401, "{\"error\": \"invalid_token\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        answer();
        server.stop(0);
        threads.shutdownNow();
    }
}
