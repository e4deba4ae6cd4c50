package dev.latchkey.bootstrap;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy on the wire: what a client and a provider see of its HTTP/1.1 connections — answers in
 * request order when a client pipelines (proxied and other requests mixed), provider connections
 * kept alive and reused, a request sent again when a pooled connection turns out closed, HEAD,
 * chunked and 100-continue uploads, hop-by-hop headers named by Connection, and the body limit.
 */
@MicronautTest(transactional = false)
class ProxyWireApiTest extends ApiTest {
    private static final int MAX_BODY = 2 * 1024 * 1024;

    @Inject
    EmbeddedServer server;
    private HttpServer provider;
    private final Set<Integer> providerPorts = ConcurrentHashMap.newKeySet();
    private final List<Map<String, List<String>>> providerHeaders = new CopyOnWriteArrayList<>();
    private String key;
    private String account;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.max-request-size", String.valueOf(MAX_BODY));
        return properties;
    }

    @BeforeAll
    void provider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/api/", exchange -> {
            providerPorts.add(exchange.getRemoteAddress().getPort());
            providerHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            long received = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received += n;
                }
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/slow")) {
                sleep(400);
            }
            byte[] body = (exchange.getRequestMethod() + " " + path + " " + received).getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", "42");
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        provider.start();
        key = newWorkspaceKey();
        define("wire", "http://127.0.0.1:" + provider.getAddress().getPort() + "/api");
        account = "wire-account";
        post("/v1/linked-accounts", Map.of("id", account), key);
        assertThat(post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "wire",
                "credentials", Map.of("api_key", "k-1")), key).status()).isEqualTo(201);
    }

    @AfterAll
    void stopProvider() {
        provider.stop(0);
    }

    private void define(String slug, String baseUrl) {
        Reply reply = post("/v1/connectors", Map.of("slug", slug, "name", slug, "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs", "api", Map.of("base_url", baseUrl),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "name", "X-Api-Key"))), key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private String proxied(String method, String path, String... extraHeaders) {
        StringBuilder request = new StringBuilder(method + " /v1/proxy/wire/" + path + " HTTP/1.1\r\nHost: latchkey\r\n"
                + "Authorization: Bearer " + key + "\r\nX-Linked-Account-Id: " + account + "\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void pipelined_requests_are_answered_in_order_whether_proxied_or_not() throws IOException {
        try (Socket socket = connect()) {
            write(socket, proxied("GET", "slow") + "GET /health HTTP/1.1\r\nHost: latchkey\r\n\r\n" + proxied("GET", "fast"));

            Wire first = Wire.read(socket.getInputStream());
            Wire second = Wire.read(socket.getInputStream());
            Wire third = Wire.read(socket.getInputStream());

            assertThat(first.body()).isEqualTo("GET /api/slow 0");
            assertThat(first.header("x-latchkey-connection-id")).isNotNull();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).contains("UP");
            assertThat(third.body()).isEqualTo("GET /api/fast 0");
        }
    }

    @Test
    void provider_connections_are_kept_alive_and_reused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        providerPorts.clear();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/proxy/wire/n" + i))
                    .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("GET /api/n" + i + " 0");
        }

        assertThat(providerPorts).as("one connection to the provider served all five").hasSize(1);
    }

    @Test
    void a_request_on_a_pooled_connection_the_provider_closed_is_sent_again_on_a_new_one() throws Exception {
        // Answers the first request of each connection, and closes the connection on the second without answering.
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket closing = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!closing.isClosed()) {
                    try {
                        Socket connection = closing.accept();
                        connections.incrementAndGet();
                        Thread.ofPlatform().daemon().start(() -> answerOnceThenDrop(connection));
                    } catch (IOException stopped) {
                        return;
                    }
                }
            });
            define("dropping", "http://127.0.0.1:" + closing.getLocalPort() + "/api");
            post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "dropping",
                    "credentials", Map.of("api_key", "k-1")), key);

            for (int i = 0; i < 3; i++) {
                Reply reply = call(io.micronaut.http.HttpRequest.GET("/v1/proxy/dropping/again").header("X-Linked-Account-Id", account), key);
                assertThat(reply.status()).as(reply.text()).isEqualTo(200);
                assertThat(reply.text()).isEqualTo("answered");
            }
            assertThat(connections.get()).isEqualTo(3);
            acceptor.interrupt();
        }
    }

    private static void answerOnceThenDrop(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            readHead(in);
            write(connection, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nanswered");
            readHead(in); // the next request on this connection: dropped unanswered
        } catch (IOException gone) {
            // the proxy closed it first: fine
        }
    }

    @Test
    void a_head_answer_has_its_length_but_no_body_and_the_connection_goes_on() throws IOException {
        try (Socket socket = connect()) {
            write(socket, proxied("HEAD", "thing") + proxied("GET", "after"));

            Wire head = Wire.read(socket.getInputStream(), true);
            Wire next = Wire.read(socket.getInputStream());

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("42");
            assertThat(next.body()).isEqualTo("GET /api/after 0");
        }
    }

    @Test
    void a_chunked_upload_streams_through_and_an_expect_continue_is_answered() throws Exception {
        byte[] payload = new byte[MAX_BODY - 1];
        new java.util.Random(5).nextBytes(payload);
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/proxy/wire/chunks"))
                .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(payload))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> continued = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/proxy/wire/continued"))
                .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo("POST /api/chunks " + payload.length);
        assertThat(continued.statusCode()).isEqualTo(200);
        assertThat(continued.body()).isEqualTo("POST /api/continued " + payload.length);
    }

    @Test
    void headers_the_connection_header_names_are_hop_by_hop_and_not_forwarded() throws IOException {
        providerHeaders.clear();
        try (Socket socket = connect()) {
            write(socket, proxied("GET", "hops", "Connection: keep-alive, X-Hop-Secret", "X-Hop-Secret: do-not-pass", "X-Kept: yes"));
            assertThat(Wire.read(socket.getInputStream()).status()).isEqualTo(200);
        }

        Map<String, List<String>> seen = providerHeaders.get(0);
        assertThat(seen).containsKey("X-kept").doesNotContainKey("X-hop-secret");
        assertThat(seen.get("X-api-key")).containsExactly("k-1");
    }

    @Test
    void a_body_over_the_server_limit_is_refused_before_it_reaches_the_provider() throws IOException {
        providerHeaders.clear();
        try (Socket socket = connect()) {
            write(socket, proxied("POST", "big", "Content-Length: " + (MAX_BODY + 1), "Content-Type: application/octet-stream"));

            Wire refused = Wire.read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body()).contains("\"code\":\"request_too_large\"");
            assertThat(refused.header("connection")).isEqualTo("close");
        }
        assertThat(providerHeaders).isEmpty();
    }

    @Test
    void a_refusal_before_an_announced_body_closes_the_connection_and_a_fragment_is_refused() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "POST /v1/proxy/wire/x HTTP/1.1\r\nHost: latchkey\r\nAuthorization: Bearer lk_test_not-a-key\r\n"
                    + "X-Linked-Account-Id: " + account + "\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n");

            Wire refused = Wire.read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("connection")).as("the body it announced never came").isEqualTo("close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket socket = connect()) {
            write(socket, proxied("GET", "x#fragment"));

            Wire refused = Wire.read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"path\"");
        }
    }

    // --- a small HTTP/1.1 client on a raw socket, to see exactly what goes over the wire ---

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private record Wire(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        static Wire read(InputStream in) throws IOException {
            return read(in, false);
        }

        static Wire read(InputStream in, boolean bodiless) throws IOException {
            String[] lines = readHead(in).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (bodiless) {
                return new Wire(status, headers, "");
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (true) {
                    int size = Integer.parseInt(line(in).trim(), 16);
                    if (size == 0) {
                        line(in);
                        break;
                    }
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            }
            return new Wire(status, headers, body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                line.append((char) b);
            }
            return line.toString();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
