package dev.latchkey.bootstrap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy cuts nothing: the packaged {@code latchkey.jar} on its embedded PostgreSQL gets SIGTERM while
 * proxied requests wait at a slow provider. The provider answers only when the test lets it (a latch),
 * so nothing here depends on how fast the machine is; the bounds are generous "it ends at all" limits.
 *
 * <p>A process stopped by SIGTERM exits with 143 (128 + 15) once the stop has run its course: the JVM
 * reports the signal, the shutdown itself went through.
 */
class GracefulShutdownIT {
    private static final Pattern PRINTED_KEY = Pattern.compile("^\\s+(lk_test_[A-Za-z0-9_-]{43,})\\s*$", Pattern.MULTILINE);
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final int SIGTERM_EXIT = 143;
    private static final int REQUESTS = 20;

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService providerThreads = Executors.newFixedThreadPool(REQUESTS + 4);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer provider;

    @BeforeEach
    void reachableWorkDir() throws IOException {
        // As root the embedded PostgreSQL runs as nobody and must reach its data directory.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        release.countDown();
        if (provider != null) {
            provider.stop(0);
        }
        providerThreads.shutdownNow();
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigterm_lets_20_slow_proxied_requests_finish_then_the_process_and_its_postgres_exit() throws Exception {
        CountDownLatch arrived = new CountDownLatch(REQUESTS);
        Running latchkey = start(Map.of("LATCHKEY_SHUTDOWN_DRAIN_SECONDS", "10", "LATCHKEY_SHUTDOWN_GRACE_SECONDS", "60"));
        String base = slowProvider(arrived);
        linkedAccountWithApiKey(latchkey, base);

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.add(http.sendAsync(proxied(latchkey, "/slow"), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(arrived.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("all requests reached the provider").isTrue();
        long postgres = postgresPid(latchkey);

        latchkey.process().destroy(); // SIGTERM
        assertThat(healthWhileDraining(latchkey)).as("/health while draining").isEqualTo(503);
        HttpResponse<String> apiCall = http.send(HttpRequest.newBuilder(URI.create(latchkey.url() + "/v1/linked-accounts/cust-1"))
                .header("Authorization", "Bearer " + latchkey.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apiCall.statusCode()).as("the database still answers while draining: " + apiCall.body()).isEqualTo(200);
        assertThat(apiCall.headers().firstValue("connection")).as("clients are asked to reconnect elsewhere").contains("close");
        release.countDown();

        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> response = request.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done");
        }
        assertThat(latchkey.process().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("Latchkey exits by itself").isTrue();
        assertThat(latchkey.process().exitValue()).isEqualTo(SIGTERM_EXIT);
        assertThat(gone(postgres)).as("no orphan PostgreSQL").isTrue();
        assertThat(latchkey.postmasterPid()).as("PostgreSQL was shut down cleanly").doesNotExist();
        assertThat(latchkey.output()).contains("Embedded PostgreSQL stopped").doesNotContain("is over").doesNotContain("Exception");
    }

    @Test
    void a_request_still_running_when_the_grace_ends_is_cut_and_the_process_exits_anyway() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        Running latchkey = start(Map.of("LATCHKEY_SHUTDOWN_DRAIN_SECONDS", "0", "LATCHKEY_SHUTDOWN_GRACE_SECONDS", "2"));
        String base = slowProvider(arrived);
        linkedAccountWithApiKey(latchkey, base);

        CompletableFuture<HttpResponse<String>> stuck = http.sendAsync(proxied(latchkey, "/slow"), HttpResponse.BodyHandlers.ofString());
        assertThat(arrived.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long postgres = postgresPid(latchkey);

        latchkey.process().destroy(); // SIGTERM; the provider is never released while Latchkey runs
        assertThat(latchkey.process().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("Latchkey exits after the grace").isTrue();
        assertThat(latchkey.process().exitValue()).isEqualTo(SIGTERM_EXIT);
        assertThat(stuck).failsWithin(LIMIT);
        assertThat(gone(postgres)).as("no orphan PostgreSQL").isTrue();
        assertThat(latchkey.output()).contains("grace of 2 s is over: closing 1 connections").contains("Embedded PostgreSQL stopped");
    }

    /** A provider whose {@code /slow} answers 200 "done" only once the test releases it. */
    private String slowProvider(CountDownLatch arrived) throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        provider.setExecutor(providerThreads);
        provider.createContext("/api/slow", exchange -> {
            arrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "done".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        provider.start();
        return "http://127.0.0.1:" + provider.getAddress().getPort() + "/api";
    }

    /** An api_key connector to the provider and a linked account connected to it with an imported key. */
    private void linkedAccountWithApiKey(Running latchkey, String base) throws Exception {
        send(latchkey, "/v1/linked-accounts", "{\"id\":\"cust-1\"}");
        send(latchkey, "/v1/connectors", "{\"slug\":\"slow\",\"name\":\"Slow\",\"categories\":[\"test\"],"
                + "\"icon_url\":\"https://example.com/i.png\",\"docs_url\":\"https://example.com/d\",\"api\":{\"base_url\":\"" + base
                + "\"},\"auth\":[{\"type\":\"api_key\",\"fields\":[{\"name\":\"api_key\",\"label\":\"Key\",\"secret\":true}],"
                + "\"name\":\"X-Api-Key\"}]}");
        send(latchkey, "/v1/linked-accounts/cust-1/connections", "{\"connector\":\"slow\",\"credentials\":{\"api_key\":\"k-1\"}}");
    }

    private HttpRequest proxied(Running latchkey, String path) {
        return HttpRequest.newBuilder(URI.create(latchkey.url() + "/v1/proxy/slow" + path))
                .header("Authorization", "Bearer " + latchkey.apiKey()).header("X-Linked-Account-Id", "cust-1").build();
    }

    /** Polls {@code /health} until it is no longer 200 (connections are still accepted during the drain delay). */
    private int healthWhileDraining(Running latchkey) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            int status = http.send(HttpRequest.newBuilder(URI.create(latchkey.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/health stayed 200 after SIGTERM");
    }

    private void send(Running latchkey, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(latchkey.url() + path))
                .header("Authorization", "Bearer " + latchkey.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    /**
     * Whether the process ends, within a generous bound: {@code pg_ctl stop} returns once PostgreSQL has
     * removed its pid file, a moment before its last process is gone and reaped.
     */
    private static boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static long postgresPid(Running latchkey) throws IOException {
        Path pidFile = latchkey.postmasterPid();
        assertThat(pidFile).as("the embedded PostgreSQL runs").exists();
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        return pid;
    }

    private record Running(Process process, String url, String apiKey, Path data, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }

        Path postmasterPid() {
            return data.resolve("postgres/pgdata/postmaster.pid");
        }
    }

    private Running start(Map<String, String> settings) throws Exception {
        int port = freePort();
        Path data = work.resolve("data");
        Path log = work.resolve("latchkey.log");
        Map<String, String> env = new HashMap<>(settings);
        env.put("LATCHKEY_PORT", String.valueOf(port));
        env.put("LATCHKEY_DATA_DIR", data.toString());
        env.put("LATCHKEY_ALLOW_PRIVATE_NETWORK", "true");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, jvmOptions(), "-jar", jar().toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Latchkey exited while starting:\n" + Files.readString(log)).isTrue();
            Optional<Integer> health = Optional.empty();
            try {
                health = Optional.of(http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException notYet) {
                // not listening yet
            }
            if (health.filter(status -> status == 200).isPresent()) {
                Matcher printed = PRINTED_KEY.matcher(Files.readString(log));
                assertThat(printed.find()).as("the first start prints the API key").isTrue();
                return new Running(process, url, printed.group(1), data, log);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Latchkey did not become healthy:\n" + Files.readString(log));
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.jar", "target/latchkey.jar"));
        assertThat(jar).as("the packaged jar (run through mvn verify)").exists();
        return jar.toAbsolutePath();
    }

    /** scripts/jvm.options, with which scripts/run starts the jar: what is tested is what runs. */
    private static String jvmOptions() {
        Path options = jar().normalize().getParent().getParent().resolveSibling("scripts").resolve("jvm.options");
        assertThat(options).exists();
        return "@" + options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
