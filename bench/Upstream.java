import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's provider: GET /api/data answers a small JSON document; POST /token is an OAuth
 * token endpoint that counts its calls and answers after 200 ms (so a refresh storm overlaps);
 * GET /stats tells the count. Run with: java bench/Upstream.java PORT
 */
public final class Upstream {
    private static final byte[] DATA = "{\"id\": 42, \"name\": \"Acme\", \"items\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
    private static final AtomicInteger TOKEN_CALLS = new AtomicInteger();

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/data", exchange -> answer(exchange, 200, DATA));
        server.createContext("/token", exchange -> {
            int n = TOKEN_CALLS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, ("{\"access_token\": \"fresh-" + n + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600,"
                    + " \"refresh_token\": \"rt-" + n + "\"}").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/stats", exchange -> answer(exchange, 200,
                ("{\"token_calls\": " + TOKEN_CALLS.get() + "}").getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
