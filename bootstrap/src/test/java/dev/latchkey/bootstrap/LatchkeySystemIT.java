package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;
import dev.latchkey.adapters.persistence.support.TestPostgres;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code latchkey.jar}, started as a user starts it, on the embedded default and on an
 * external PostgreSQL; and the README's walkthrough, run word for word against it.
 */
class LatchkeySystemIT {
    private static final Pattern PRINTED_KEY = Pattern.compile("^\\s+(lk_test_[A-Za-z0-9_-]{43,})\\s*$", Pattern.MULTILINE);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** JUnit's temp dirs are private (700); as root, the embedded PostgreSQL runs as nobody and must reach its data dir. */
    @BeforeEach
    void reachableWorkDir() throws IOException {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void the_readme_walkthrough_works_as_written_and_data_survives_a_restart() throws Exception {
        Path data = work.resolve("data");
        Running first = start(Map.of("LATCHKEY_DATA_DIR", data.toString()), "first.log");
        String apiKey = printedKey(first);
        assertQuietStart(first.output());

        String walkthrough = readmeWalkthrough()
                .replace("export LATCHKEY_URL=http://localhost:8080", "export LATCHKEY_URL=" + first.url())
                .replaceAll("export LATCHKEY_API_KEY=lk_test_\\.\\.\\.", "export LATCHKEY_API_KEY=" + apiKey);
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + walkthrough).redirectErrorStream(true);
        Process shell = bash.start();
        String shellOutput = new String(shell.getInputStream().readAllBytes());
        assertThat(shell.waitFor()).as("the walkthrough fails:\n" + shellOutput).isZero();
        assertThat(shellOutput).contains("\"id\":\"cust-42\"").contains("\"linked_account_id\":\"cust-42\"");

        stop(first);
        // The second start also lets the proxy reach a provider on this machine.
        Running second = start(Map.of("LATCHKEY_DATA_DIR", data.toString(), "LATCHKEY_ALLOW_PRIVATE_NETWORK", "true"), "second.log");
        assertThat(PRINTED_KEY.matcher(second.output()).find()).as("no key is printed after the first start").isFalse();
        HttpResponse<String> account = get(second.url() + "/v1/linked-accounts/cust-42", apiKey);
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("\"name\":\"Acme Inc\"");
        assertThat(proxiedThroughThePackagedJar(second.url(), apiKey)).isEqualTo("{\"hello\": \"from the provider\"}");
        HttpResponse<String> catalog = get(second.url() + "/v1/connectors", apiKey);
        assertThat(catalog.body()).as("the connector files are found inside the packaged jar")
                .contains("\"slug\":\"github-app\"").contains("\"slug\":\"salesforce\"").contains("\"slug\":\"stripe\"");
    }

    @Test
    void on_an_external_database_it_refuses_to_start_without_a_session_secret_and_runs_with_one() throws Exception {
        EmbeddedPostgres postgres = TestPostgres.server();
        String url = TestPostgres.freshDatabaseUrl();
        Map<String, String> external = Map.of(
                "LATCHKEY_DATABASE_URL", url,
                "LATCHKEY_DATABASE_USER", postgres.username(),
                "LATCHKEY_DATABASE_PASSWORD", postgres.password(),
                "LATCHKEY_DATA_DIR", work.resolve("unused").toString());

        Process refused = launch(external, "refused.log");
        assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(Files.readString(work.resolve("refused.log"))).contains("LATCHKEY_SESSION_SECRET is required");
        assertThat(work.resolve("unused/postgres")).doesNotExist();

        String bootstrapKey = "lk_live_" + "Zx9-_" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST";
        Map<String, String> configured = new HashMap<>(external);
        configured.put("LATCHKEY_SESSION_SECRET", "a-session-secret-of-at-least-32-bytes-long");
        configured.put("LATCHKEY_ENCRYPTION_KEYS", "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        configured.put("LATCHKEY_BOOTSTRAP_API_KEY", bootstrapKey);
        configured.put("LATCHKEY_LOG_FORMAT", "json");
        Running running = start(configured, "external.log");

        assertThat(PRINTED_KEY.matcher(running.output()).find()).isFalse();
        assertThat(running.output()).doesNotContain(bootstrapKey);
        assertThat(get(running.url() + "/v1/linked-accounts", bootstrapKey).statusCode()).isEqualTo(200);
        assertQuietStart(running.output());
        List<String> lines = running.output().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("LATCHKEY_LOG_FORMAT=json: the start's log").isNotEmpty();
        com.fasterxml.jackson.databind.ObjectMapper parser = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            assertThat(parser.readTree(line).properties()).as("a JSON log line: %s", line).extracting(Map.Entry::getKey)
                    .contains("@timestamp", "level", "logger_name", "message");
        }
        assertThat(work.resolve("unused/postgres")).doesNotExist();
    }

    @Test
    void a_broken_connector_file_stops_the_start_with_an_error_that_names_the_file_not_the_beans_being_made() throws Exception {
        Path connectors = Files.createDirectories(work.resolve("broken-connectors"));
        Files.writeString(connectors.resolve("broken.yaml"), "slug: broken\nname: [unclosed\n");

        Process refused = launch(Map.of("LATCHKEY_DATA_DIR", work.resolve("broken-data").toString(),
                "LATCHKEY_CONNECTORS_DIR", connectors.toString()), "broken.log");

        assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(work.resolve("broken.log"));
        assertThat(refused.exitValue()).as(log).isEqualTo(1);
        assertThat(log.lines().filter(line -> line.contains(" ERROR ")).findFirst()).as(log).get(InstanceOfAssertFactories.STRING)
                .contains("Latchkey could not start: Connector definitions are invalid (1 problem)").doesNotContain("Bean definition");
        assertThat(log).contains("broken.yaml: definition: is not valid YAML");
    }

    @Test
    void the_proxy_streams_100_mib_each_way_through_a_process_with_little_memory() throws Exception {
        long size = 100L * 1024 * 1024;
        // Heap and direct memory each well below the body: holding a body whole would fail the process. And
        // another collector than the options file's, as the README's "Memory and sizing" suggests for larger loads.
        Running small = start(Map.of("LATCHKEY_DATA_DIR", work.resolve("small").toString(), "LATCHKEY_ALLOW_PRIVATE_NETWORK", "true"),
                "small.log", "-Xmx160m", "-XX:MaxDirectMemorySize=48m", "-XX:+UseG1GC");
        String apiKey = printedKey(small);
        com.sun.net.httpserver.HttpServer provider = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/api/download", exchange -> {
            exchange.sendResponseHeaders(200, size);
            try (java.io.OutputStream out = exchange.getResponseBody(); InputStream in = pattern(size)) {
                in.transferTo(out);
            }
        });
        provider.createContext("/api/upload", exchange -> {
            byte[] answer = digest(exchange.getRequestBody()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        provider.start();
        try {
            String base = "http://127.0.0.1:" + provider.getAddress().getPort() + "/api";
            send("POST", small.url() + "/v1/linked-accounts", apiKey, "{\"id\":\"big\"}");
            send("POST", small.url() + "/v1/connectors", apiKey, "{\"slug\":\"bulk\",\"name\":\"Bulk\",\"categories\":[\"test\"],"
                    + "\"icon_url\":\"https://example.com/i.png\",\"docs_url\":\"https://example.com/d\",\"api\":{\"base_url\":\"" + base
                    + "\"},\"auth\":[{\"type\":\"api_key\",\"fields\":[{\"name\":\"api_key\",\"label\":\"Key\",\"secret\":true}],"
                    + "\"name\":\"X-Api-Key\"}]}");
            send("POST", small.url() + "/v1/linked-accounts/big/connections", apiKey, "{\"connector\":\"bulk\",\"credentials\":{\"api_key\":\"k\"}}");

            HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(URI.create(small.url() + "/v1/proxy/bulk/download"))
                    .header("Authorization", "Bearer " + apiKey).header("X-Linked-Account-Id", "big").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Digest received = digest(download.body());
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(small.url() + "/v1/proxy/bulk/upload"))
                    .header("Authorization", "Bearer " + apiKey).header("X-Linked-Account-Id", "big")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> pattern(size))).build(), HttpResponse.BodyHandlers.ofString());

            Digest expected = digest(pattern(size));
            assertThat(expected.bytes()).isEqualTo(size);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(received).isEqualTo(expected);
            assertThat(upload.statusCode()).isEqualTo(200);
            assertThat(upload.body()).isEqualTo(expected.toString());
            assertThat(small.process().isAlive()).isTrue();
            assertThat(small.output()).doesNotContain("OutOfMemoryError");
        } finally {
            provider.stop(0);
        }
    }

    /** How many bytes a stream held and their CRC-32. */
    private record Digest(long bytes, long crc) {
        @Override
        public String toString() {
            return bytes + " " + crc;
        }
    }

    private static Digest digest(InputStream stream) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = stream) {
            for (int r; (r = in.read(buffer)) > 0; bytes += r) {
                crc.update(buffer, 0, r);
            }
        }
        return new Digest(bytes, crc.getValue());
    }

    /** {@code size} bytes of a fixed pseudo-random pattern, made as they are read. */
    private static InputStream pattern(long size) {
        return new InputStream() {
            private final java.util.Random random = new java.util.Random(11);
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, buffer, offset, n);
                left -= n;
                return n;
            }
        };
    }

    /** A start prints Latchkey's own lines only: no JVM warnings (native access...), no logback status. */
    private static void assertQuietStart(String output) {
        assertThat(output.lines().filter(line -> line.startsWith("WARNING:") || line.contains("|-INFO in ch.qos.logback")
                || line.contains("|-WARN in ch.qos.logback")).toList()).as("noise in the start's output:\n" + output).isEmpty();
    }

    private static String printedKey(Running running) throws IOException {
        Matcher printed = PRINTED_KEY.matcher(running.output());
        assertThat(printed.find()).as("the first start prints the new API key:\n" + running.output()).isTrue();
        return printed.group(1);
    }

    /** A provider on this machine, a private connector to it, an imported key, and one proxied call. */
    private String proxiedThroughThePackagedJar(String latchkey, String apiKey) throws Exception {
        com.sun.net.httpserver.HttpServer provider = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/api/hello", exchange -> {
            byte[] body = ("k-1".equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))
                    ? "{\"hello\": \"from the provider\"}" : "{\"error\": \"unsigned\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        try {
            String base = "http://127.0.0.1:" + provider.getAddress().getPort() + "/api";
            send("POST", latchkey + "/v1/connectors", apiKey, "{\"slug\":\"local\",\"name\":\"Local\",\"categories\":[\"test\"],"
                    + "\"icon_url\":\"https://example.com/i.png\",\"docs_url\":\"https://example.com/d\",\"api\":{\"base_url\":\"" + base
                    + "\"},\"auth\":[{\"type\":\"api_key\",\"fields\":[{\"name\":\"api_key\",\"label\":\"Key\",\"secret\":true}],"
                    + "\"name\":\"X-Api-Key\"}]}");
            send("POST", latchkey + "/v1/linked-accounts/cust-42/connections", apiKey,
                    "{\"connector\":\"local\",\"credentials\":{\"api_key\":\"k-1\"}}");
            return http.send(HttpRequest.newBuilder(URI.create(latchkey + "/v1/proxy/local/hello")).header("Authorization", "Bearer " + apiKey)
                    .header("X-Linked-Account-Id", "cust-42").build(), HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            provider.stop(0);
        }
    }

    private void send(String method, String url, String bearer, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private record Running(Process process, String url, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private Running start(Map<String, String> env, String logName, String... jvmOptions) throws Exception {
        int port = freePort();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("LATCHKEY_PORT", String.valueOf(port));
        Process process = launch(withPort, logName, jvmOptions);
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Latchkey exited while starting:\n" + Files.readString(work.resolve(logName))).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return new Running(process, url, work.resolve(logName));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Latchkey did not become healthy within " + START_LIMIT + ":\n" + Files.readString(work.resolve(logName)));
    }

    /**
     * Through {@code scripts/latchkey}, as {@code scripts/run} starts it: the jar with {@code scripts/jvm.options}
     * and the extra options in {@code LATCHKEY_JVM_OPTIONS}. Without the AOT cache, whose training run would
     * add half a minute; bench/run measures the start with it.
     */
    private Process launch(Map<String, String> env, String logName, String... jvmOptions) throws IOException {
        Path script = Path.of("..", "scripts", "latchkey").toAbsolutePath().normalize();
        assertThat(jar().normalize()).as("scripts/latchkey starts the jar this build packaged")
                .isEqualTo(script.getParent().resolveSibling("bootstrap").resolve("target/latchkey.jar"));
        ProcessBuilder builder = new ProcessBuilder(script.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(logName).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        builder.environment().putAll(env);
        builder.environment().put("LATCHKEY_AOT", "off");
        builder.environment().put("LATCHKEY_JVM_OPTIONS", String.join(" ", jvmOptions));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void stop(Running running) throws InterruptedException {
        running.process().destroy();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).as("Latchkey stops on SIGTERM").isTrue();
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.jar", "target/latchkey.jar"));
        assertThat(jar).as("the packaged jar (run through mvn verify)").exists();
        return jar.toAbsolutePath();
    }

    private static String readmeWalkthrough() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has the walkthrough block").isTrue();
        return block.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
