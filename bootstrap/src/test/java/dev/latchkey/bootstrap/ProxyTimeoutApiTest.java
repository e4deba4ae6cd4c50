package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy's timeouts and cut answers, against a provider on a raw socket that the test controls: a
 * silent provider is a 504; a caller that stops reading pauses the provider without it being blamed
 * for the silence, and is cut only after the write timeout; an answer cut mid-body never looks whole.
 *
 * <p>No sleeps: a provider that has to wait longer than the read timeout is known to have waited that
 * long because requests to a silent provider, started after it began waiting, answered 504 meanwhile.
 */
@MicronautTest(transactional = false)
class ProxyTimeoutApiTest extends ApiTest {
    /** More than every socket buffer between the provider and the caller together: the provider must wait. */
    private static final int BODY = 32 * 1024 * 1024;
    private static final int CUT_AT = 256 * 1024;
    private static final int PIECE = 64 * 1024;

    @Inject
    EmbeddedServer server;
    private ServerSocketChannel provider;
    /** Per path: the provider could not write more, the caller's side being full. */
    private final Map<String, CountDownLatch> blocked = new ConcurrentHashMap<>();
    /** Per path: the proxy closed the provider's connection before the body was whole. */
    private final Map<String, CountDownLatch> dropped = new ConcurrentHashMap<>();
    private String key;
    private String account;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.proxy.read-timeout", "1s");
        properties.put("latchkey.proxy.write-timeout", "10s");
        return properties;
    }

    @BeforeAll
    void provider() throws IOException {
        provider = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().start(() -> {
            while (provider.isOpen()) {
                try {
                    SocketChannel connection = provider.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(connection));
                } catch (IOException stopped) {
                    return;
                }
            }
        });
        key = newWorkspaceKey();
        Reply reply = post("/v1/connectors", Map.of("slug", "timed", "name", "timed", "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", "http://127.0.0.1:" + provider.socket().getLocalPort() + "/api"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "name", "X-Api-Key"))), key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        account = "timed-account";
        post("/v1/linked-accounts", Map.of("id", account), key);
        assertThat(post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "timed",
                "credentials", Map.of("api_key", "k-1")), key).status()).isEqualTo(201);
    }

    @AfterAll
    void stopProvider() throws IOException {
        provider.close();
    }

    @Test
    void a_provider_silent_past_the_read_timeout_is_504() {
        Reply silent = call(HttpRequest.GET("/v1/proxy/timed/silent").header("X-Linked-Account-Id", account), key);

        assertThat(silent.status()).isEqualTo(504);
        assertThat(silent.get("code")).isEqualTo("upstream_timeout");
    }

    @Test
    void a_caller_that_stops_reading_pauses_the_provider_without_it_timing_out() throws Exception {
        try (Socket caller = slowCaller()) {
            send(caller, "GET /v1/proxy/timed/big-paused HTTP/1.1");
            InputStream in = caller.getInputStream();
            assertThat(head(in)).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + BODY);
            assertThat(latch(blocked, "big-paused").await(60, TimeUnit.SECONDS)).as("the provider waits for the caller").isTrue();

            // Twice the read timeout passes, the provider waiting all along (not read from, so not heard from).
            for (int i = 0; i < 2; i++) {
                assertThat(call(HttpRequest.GET("/v1/proxy/timed/silent").header("X-Linked-Account-Id", account), key).status())
                        .isEqualTo(504);
            }

            assertThat(readBody(in, BODY)).as("bytes received whole and in order").isEqualTo(BODY);
        }
        assertThat(latch(dropped, "big-paused").getCount()).as("the provider's connection was never cut").isEqualTo(1);
    }

    @Test
    void a_caller_that_never_reads_is_cut_after_the_write_timeout() throws Exception {
        try (Socket caller = slowCaller()) {
            send(caller, "GET /v1/proxy/timed/big-never HTTP/1.1");
            InputStream in = caller.getInputStream();
            assertThat(head(in)).startsWith("HTTP/1.1 200");
            assertThat(latch(blocked, "big-never").await(60, TimeUnit.SECONDS)).isTrue();

            assertThat(latch(dropped, "big-never").await(60, TimeUnit.SECONDS)).as("the proxy gives up on the caller").isTrue();

            assertThat(readBody(in, BODY)).as("the caller sees its answer cut short").isLessThan(BODY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cut", "cut-chunked"})
    void an_answer_the_provider_cuts_mid_body_never_looks_whole_to_the_caller(String path) throws Exception {
        // The JDK client, as a caller would use it (it also asks for an h2c upgrade, which the proxy ignores).
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/proxy/timed/" + path))
                .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void a_provider_silent_mid_body_has_its_answer_cut_and_its_connection_closed_not_reused() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/proxy/timed/stall"))
                .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        // Closed, not pooled: a later request never receives the rest of this body.
        assertThat(latch(dropped, "stall").await(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_chunked_answer_cut_mid_body_has_no_last_chunk() throws Exception {
        try (Socket caller = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            caller.setSoTimeout(60_000);
            send(caller, "GET /v1/proxy/timed/cut-chunked HTTP/1.1");
            InputStream in = caller.getInputStream();
            assertThat(head(in)).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");

            byte[] rest = readToEnd(in);

            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("\r\n0\r\n\r\n");
        }
    }

    @Test
    void an_http_1_0_caller_whose_answer_ends_with_the_connection_sees_a_cut_as_a_reset() throws Exception {
        try (Socket caller = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            caller.setSoTimeout(60_000);
            send(caller, "GET /v1/proxy/timed/cut-chunked HTTP/1.0");
            InputStream in = caller.getInputStream();
            String head = head(in);
            assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("content-length").doesNotContainIgnoringCase("chunked");

            // A clean end of the connection would be the end of a whole body: a cut one must not end cleanly.
            assertThatThrownBy(() -> readToEnd(in)).isInstanceOf(IOException.class);
        }
    }

    // --- the caller ---

    /** A caller with a small receive buffer, so that it holds little of an answer it does not read. */
    private Socket slowCaller() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(8 * 1024);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()));
        return socket;
    }

    private void send(Socket caller, String requestLine) throws IOException {
        caller.getOutputStream().write((requestLine + "\r\nHost: latchkey\r\nAuthorization: Bearer " + key
                + "\r\nX-Linked-Account-Id: " + account + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        caller.getOutputStream().flush();
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int matched = 0; matched < 4; ) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the head");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads up to {@code length} bytes (fewer if the connection ends), checking each is the provider's; returns how many. */
    private static int readBody(InputStream in, int length) throws IOException {
        byte[] buffer = new byte[PIECE];
        int offset = 0;
        try {
            for (int n; offset < length && (n = in.read(buffer, 0, Math.min(buffer.length, length - offset))) > 0; offset += n) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != at(offset + i)) {
                        throw new AssertionError("byte " + (offset + i) + " is not the provider's");
                    }
                }
            }
        } catch (java.net.SocketException reset) {
            // the proxy cut the connection: what arrived is what counts
        }
        return offset;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[PIECE];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    // --- the provider ---

    private static CountDownLatch latch(Map<String, CountDownLatch> latches, String path) {
        return latches.computeIfAbsent(path, p -> new CountDownLatch(1));
    }

    /**
     * {@code silent}: never answers. {@code big-*}: a large body. {@code cut*}: part of a body, then the connection
     * ends. {@code stall}: part of a body, then nothing more on a connection kept open.
     */
    private void serve(SocketChannel connection) {
        String path = "";
        try (connection) {
            ByteBuffer request = ByteBuffer.allocate(64 * 1024);
            String text = "";
            while (!text.contains("\r\n\r\n")) {
                if (connection.read(request) < 0) {
                    return;
                }
                text = new String(request.array(), 0, request.position(), StandardCharsets.ISO_8859_1);
            }
            int start = text.indexOf(" /api/") + " /api/".length();
            path = text.substring(start, text.indexOf(' ', start));
            if (path.equals("silent")) {
                while (connection.read(request.clear()) >= 0) {
                    // hold the request unanswered until the proxy gives up
                }
                return;
            }
            boolean chunked = path.endsWith("chunked");
            connection.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + BODY) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            int end = path.startsWith("cut") || path.equals("stall") ? CUT_AT : BODY;
            connection.configureBlocking(false);
            for (int offset = 0; offset < end; offset += PIECE) {
                ByteBuffer piece = piece(offset, chunked);
                while (piece.hasRemaining()) {
                    if (connection.write(piece) == 0 && !connection.isBlocking()) {
                        latch(blocked, path).countDown();
                        connection.configureBlocking(true);
                    }
                }
            }
            if (chunked && end == BODY) {
                connection.write(ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            }
            if (path.equals("stall")) {
                connection.configureBlocking(true);
                while (connection.read(request.clear()) >= 0) {
                    // keep the connection open, the body unfinished, until the proxy closes it
                }
                latch(dropped, path).countDown();
            }
        } catch (IOException closedByTheProxy) {
            latch(dropped, path).countDown();
        }
    }

    private static ByteBuffer piece(int offset, boolean chunked) {
        byte[] frame = chunked ? (Integer.toHexString(PIECE) + "\r\n").getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
        ByteBuffer piece = ByteBuffer.allocate(frame.length + PIECE + (chunked ? 2 : 0)).put(frame);
        for (int i = 0; i < PIECE; i++) {
            piece.put(at(offset + i));
        }
        if (chunked) {
            piece.put((byte) '\r').put((byte) '\n');
        }
        return piece.flip();
    }

    /** The provider's byte at an offset of its body: a body cut, shifted or mixed with another shows. */
    private static byte at(int offset) {
        return (byte) (offset ^ (offset >>> 8) ^ (offset >>> 13));
    }
}
