package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code latchkey.jar} against a PostgreSQL that is stopped as an operator stops it
 * ({@code pg_ctl stop -m fast}) and started again on the same port and cluster. While it is away,
 * every kind of request (API, API-key and session-token authentication, portal, OAuth callback, proxy)
 * is answered 503 {@code database_unavailable} with {@code Retry-After} instead of hanging and then
 * failing with 500; {@code /health} says 503; the log holds one WARN for the outage, not a stack trace
 * per request. When it is back, requests succeed again without a restart, and the log says after how long.
 */
class DatabaseOutageIT {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    /** Requests used to hang 30 s before their 500; anything slower than this is a hang. */
    private static final Duration HANG = Duration.ofSeconds(25);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);
    private static final String API_KEY = "lk_live_" + "outage-" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO";
    private static final String UNKNOWN_KEY = "lk_live_" + "unknown" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private EmbeddedPostgres postgres;
    private Process latchkey;

    /** JUnit's temp dirs are private (700); as root, the embedded PostgreSQL runs as nobody and must reach its data dir. */
    @BeforeEach
    void reachableWorkDir() throws IOException {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (latchkey != null) {
            latchkey.destroy();
            if (!latchkey.waitFor(60, TimeUnit.SECONDS)) {
                latchkey.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void while_the_database_is_away_every_request_is_answered_503_and_it_recovers_without_a_restart() throws Exception {
        postgres = EmbeddedPostgres.start(work.resolve("postgres"), false);
        String url = start();
        send("POST", url + "/v1/linked-accounts", API_KEY, "{\"id\":\"cust-1\"}", 201);
        String sessionToken = send("POST", url + "/v1/session-tokens", API_KEY, "{\"linked_account_id\":\"cust-1\"}", 201)
                .replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(get(url + "/v1/session", sessionToken).statusCode()).isEqualTo(200);
        long logBeforeOutage = Files.size(log());

        postgres.stopServer();

        HttpResponse<String> health = until(() -> get(url + "/health", null), r -> r.statusCode() == 503, "/health says 503");
        assertThat(health.body()).contains("DOWN");
        List<String> outageAnswers = new ArrayList<>();
        outageAnswers.add(assertDatabaseUnavailable("the API", get(url + "/v1/linked-accounts", API_KEY)));
        outageAnswers.add(assertDatabaseUnavailable("an API key not yet known (authentication)", get(url + "/v1/linked-accounts", UNKNOWN_KEY)));
        outageAnswers.add(assertDatabaseUnavailable("a session token (its revocation check)", get(url + "/v1/session", sessionToken)));
        outageAnswers.add(assertDatabaseUnavailable("the portal", get(url + "/connect/some-link-code", null)));
        outageAnswers.add(assertDatabaseUnavailable("the OAuth callback", get(url + "/oauth/callback?state=some-state&code=some-code", null)));
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/proxy/github/user")).timeout(HANG)
                .header("Authorization", "Bearer " + API_KEY).header("X-Linked-Account-Id", "cust-1").build(), HttpResponse.BodyHandlers.ofString());
        outageAnswers.add(assertDatabaseUnavailable("the proxy", proxied));
        assertThat(get(url + "/health", null).statusCode()).as("/health while the database is away").isEqualTo(503);

        String duringOutage = logSince(logBeforeOutage);
        assertThat(linesContaining(duringOutage, "database unavailable")).as("one WARN for the outage:\n" + duringOutage)
                .hasSize(1).allMatch(line -> line.contains("WARN"));
        assertThat(duringOutage).as("no stack trace for an outage:\n" + duringOutage).doesNotContain("\tat ").doesNotContain("Caused by:");

        postgres.startAgain();

        until(() -> get(url + "/v1/linked-accounts", API_KEY), r -> r.statusCode() == 200, "the API answers 200 again");
        assertThat(get(url + "/v1/session", sessionToken).statusCode()).isEqualTo(200);
        assertThat(get(url + "/v1/linked-accounts", UNKNOWN_KEY).statusCode()).as("an unknown key is refused again").isEqualTo(401);
        until(() -> get(url + "/health", null), r -> r.statusCode() == 200, "/health says 200 again");
        String afterOutage = logSince(logBeforeOutage);
        assertThat(linesContaining(afterOutage, "database available again after")).as("the end of the outage is logged once:\n" + afterOutage)
                .hasSize(1).allMatch(line -> line.matches(".*WARN.*[Dd]atabase available again after \\d+ s.*"));
        assertThat(linesContaining(afterOutage, "database unavailable")).hasSize(1);
        assertThat(outageAnswers).hasSize(6);
    }

    private String assertDatabaseUnavailable(String what, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).as(what).contains("\"code\":\"database_unavailable\"");
        assertThat(response.headers().firstValue("Retry-After")).as(what + " says when to try again").hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        return what;
    }

    private String start() throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), jvmOptions(), "-jar", jar().toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        builder.environment().putAll(Map.of(
                "LATCHKEY_PORT", String.valueOf(port),
                "LATCHKEY_DATABASE_URL", postgres.jdbcUrl("latchkey"),
                "LATCHKEY_DATABASE_USER", postgres.username(),
                "LATCHKEY_DATABASE_PASSWORD", postgres.password(),
                "LATCHKEY_SESSION_SECRET", "a-session-secret-of-at-least-32-bytes-long",
                "LATCHKEY_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]),
                "LATCHKEY_BOOTSTRAP_API_KEY", API_KEY,
                "LATCHKEY_DB_CONNECT_TIMEOUT_SECONDS", "2",
                "LATCHKEY_DATA_DIR", work.resolve("data").toString()));
        latchkey = builder.start();
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(latchkey.isAlive()).as("Latchkey exited while starting:\n" + Files.readString(log())).isTrue();
            try {
                if (get(url + "/health", null).statusCode() == 200) {
                    return url;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Latchkey did not become healthy within " + START_LIMIT + ":\n" + Files.readString(log()));
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Polls {@code call} until its answer passes {@code done}, within {@link #SETTLE_LIMIT}. */
    private HttpResponse<String> until(Call call, Predicate<HttpResponse<String>> done, String what) throws Exception {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = call.send();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Not within " + SETTLE_LIMIT + ": " + what + "; last answer " + (last == null ? "none"
                : last.statusCode() + " " + last.body()) + "\n" + Files.readString(log()));
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(HANG);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String send(String method, String url, String bearer, String json, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(HANG).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private Path log() {
        return work.resolve("latchkey.log");
    }

    private String logSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log());
        return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> linesContaining(String text, String phrase) {
        return text.lines().filter(line -> line.toLowerCase(Locale.ROOT).contains(phrase)).toList();
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
