package dev.latchkey.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged latchkey.jar (the {@code latchkey.jar} system property, set by the pom), started as a
 * user starts it: on the embedded PostgreSQL under a fresh data dir, a free port, an API key of our
 * choosing, and outbound requests allowed to loopback so that stub providers and webhook receivers
 * on this machine can be reached.
 */
public final class LatchkeyProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    public final String url;
    public final String apiKey;
    private final Process process;
    private final Path log;

    private LatchkeyProcess(String url, String apiKey, Process process, Path log) {
        this.url = url;
        this.apiKey = apiKey;
        this.process = process;
        this.log = log;
    }

    public static LatchkeyProcess start(Path work) throws Exception {
        // JUnit's temp dirs are private (700); as root, the embedded PostgreSQL runs as nobody and must reach its data dir.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Path.of(System.getProperty("latchkey.jar", "../../bootstrap/target/latchkey.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged jar at " + jar + ": run through mvn verify (bootstrap is packaged first)");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String apiKey = "lk_test_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        int port = freePort();
        Path log = work.resolve("latchkey.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(java, jvmOptions(jar), "-jar", jar.toString())))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        builder.environment().putAll(Map.of(
                "LATCHKEY_PORT", Integer.toString(port),
                "LATCHKEY_DATA_DIR", work.resolve("data").toString(),
                "LATCHKEY_BOOTSTRAP_API_KEY", apiKey,
                "LATCHKEY_ALLOW_PRIVATE_NETWORK", "true"));
        Process process = builder.start();
        LatchkeyProcess started = new LatchkeyProcess("http://127.0.0.1:" + port, apiKey, process, log);
        try {
            started.awaitHealthy();
        } catch (Exception | AssertionError e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Latchkey exited while starting:\n" + output());
            }
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(10)).build();
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Latchkey did not become healthy within " + START_LIMIT + ":\n" + output());
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** scripts/jvm.options beside the jar's build, with which scripts/run starts it: what is tested is what runs. */
    private static String jvmOptions(Path jar) {
        Path options = jar.getParent().getParent().resolveSibling("scripts").resolve("jvm.options");
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("No " + options + " beside the packaged jar's build");
        }
        return "@" + options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
