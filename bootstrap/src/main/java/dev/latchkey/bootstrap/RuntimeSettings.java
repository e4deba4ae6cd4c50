package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;
import dev.latchkey.adapters.web.security.ClientAddresses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code LATCHKEY_*} environment, checks it, and prepares what the service needs before
 * its context starts: the database (embedded unless {@code LATCHKEY_DATABASE_URL} is set) and the
 * session-token signing secret. Every variable is documented in the README's configuration table.
 */
public final class RuntimeSettings {
    static final int MIN_SECRET_BYTES = 32;
    static final int DEFAULT_DRAIN_SECONDS = 5;
    static final int DEFAULT_GRACE_SECONDS = 30;

    private final Map<String, String> env;
    private EmbeddedPostgres embeddedPostgres;

    public RuntimeSettings(Map<String, String> env) {
        this.env = env;
    }

    /** A configuration problem the operator must fix; the message says how. */
    public static final class InvalidSettingsException extends RuntimeException {
        InvalidSettingsException(String message) {
            super(message);
        }
    }

    /** Micronaut properties for this run; begins starting the embedded PostgreSQL when it is the database. */
    public Map<String, Object> prepare() {
        List<String> problems = new ArrayList<>();
        Path dataDir = Path.of(value("LATCHKEY_DATA_DIR").orElse("./data")).toAbsolutePath().normalize();
        Optional<String> externalUrl = value("LATCHKEY_DATABASE_URL");
        Map<String, Object> properties = new HashMap<>();

        value("LATCHKEY_PORT").ifPresent(port -> {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                problems.add("LATCHKEY_PORT must be a port number (got '" + port + "')");
            } else {
                properties.put("micronaut.server.port", Integer.parseInt(port));
            }
        });
        value("LATCHKEY_METRICS_PORT").ifPresent(port -> {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                problems.add("LATCHKEY_METRICS_PORT must be a port number for the unauthenticated metrics listener (got '" + port + "')");
            } else {
                properties.put("latchkey.metrics-port", Integer.parseInt(port));
            }
        });
        value("LATCHKEY_ADMIN_TOKEN").ifPresent(token -> {
            if (token.length() < MIN_SECRET_BYTES) {
                problems.add("LATCHKEY_ADMIN_TOKEN must be at least " + MIN_SECRET_BYTES + " characters; generate one with: openssl rand -hex 32");
            } else {
                properties.put("latchkey.admin-token", token);
            }
        });
        value("LATCHKEY_LOG_FORMAT").ifPresent(format -> {
            if (!format.equals("text") && !format.equals("json")) {
                problems.add("LATCHKEY_LOG_FORMAT must be text or json (got '" + format + "')");
            }
        });
        value("LATCHKEY_BOOTSTRAP_API_KEY").ifPresent(key -> properties.put("latchkey.bootstrap-api-key", key));
        int port = (Integer) properties.getOrDefault("micronaut.server.port", 8080);
        String publicUrl = value("LATCHKEY_PUBLIC_URL").orElse("http://localhost:" + port);
        if (!publicUrl.matches("https?://[^/?#@\\s]+(/[^?#\\s]*)?")) {
            problems.add("LATCHKEY_PUBLIC_URL must be the URL browsers and providers reach Latchkey at, such as https://connect.acme.com");
        }
        properties.put("latchkey.public-url", publicUrl);
        value("LATCHKEY_ALLOW_PRIVATE_NETWORK").ifPresent(allow -> {
            if (!allow.equals("true") && !allow.equals("false")) {
                problems.add("LATCHKEY_ALLOW_PRIVATE_NETWORK must be true or false");
            } else {
                properties.put("latchkey.allow-private-network", Boolean.parseBoolean(allow));
            }
        });
        value("LATCHKEY_REFRESH_WAIT_SECONDS").ifPresent(seconds -> {
            if (!seconds.matches("\\d{1,4}") || Integer.parseInt(seconds) < 1) {
                problems.add("LATCHKEY_REFRESH_WAIT_SECONDS must be a whole number of seconds from 1 to 9999 (got '" + seconds + "')");
            } else {
                properties.put("latchkey.refresh.wait", Integer.parseInt(seconds) + "s");
            }
        });
        value("LATCHKEY_LOG_ENABLED").ifPresent(enabled -> {
            if (!enabled.equals("true") && !enabled.equals("false")) {
                problems.add("LATCHKEY_LOG_ENABLED must be true or false (got '" + enabled + "')");
            } else {
                properties.put("latchkey.activity.enabled", enabled);
            }
        });
        wholeNumber("LATCHKEY_LOG_QUEUE", "records", 1, 999_999, problems)
                .ifPresent(size -> properties.put("latchkey.activity.queue-size", size));
        wholeNumber("LATCHKEY_LOG_RETENTION_DAYS", "days", 1, 3650, problems)
                .ifPresent(days -> properties.put("latchkey.activity.retention-days", days));
        value("LATCHKEY_CONNECTORS_DIR").ifPresent(dir -> {
            if (!Files.isDirectory(Path.of(dir))) {
                problems.add("LATCHKEY_CONNECTORS_DIR must be a directory of connector files (" + dir + " is not one)");
            } else {
                properties.put("latchkey.connectors-dir", Path.of(dir).toAbsolutePath().toString());
            }
        });
        value("LATCHKEY_TRUSTED_PROXIES").ifPresent(proxies -> {
            try {
                ClientAddresses.parse(proxies);
                properties.put("latchkey.trusted-proxies", proxies);
            } catch (IllegalArgumentException e) {
                problems.add("LATCHKEY_TRUSTED_PROXIES must be comma-separated IP addresses or CIDRs of your proxies, such as "
                        + "10.0.0.0/8,192.168.1.7: " + e.getMessage());
            }
        });
        value("LATCHKEY_AUTH_FAILURE_BURST").ifPresent(burst -> {
            if (!burst.matches("\\d{1,9}") || Integer.parseInt(burst) < 1) {
                problems.add("LATCHKEY_AUTH_FAILURE_BURST must be a whole number of at least 1 (got '" + burst + "')");
            } else {
                properties.put("latchkey.auth-throttle.burst", Integer.parseInt(burst));
            }
        });
        value("LATCHKEY_AUTH_FAILURES_PER_SECOND").ifPresent(rate -> {
            if (!rate.matches("\\d{1,9}(\\.\\d{1,9})?") || !(Double.parseDouble(rate) > 0)) {
                problems.add("LATCHKEY_AUTH_FAILURES_PER_SECOND must be a number above 0, such as 1 or 0.2 (got '" + rate + "')");
            } else {
                properties.put("latchkey.auth-throttle.per-second", Double.parseDouble(rate));
            }
        });
        console(properties, problems);
        Optional<String> encryptionKeys = value("LATCHKEY_ENCRYPTION_KEYS");
        seconds("LATCHKEY_DB_CONNECT_TIMEOUT_SECONDS", 1, 300, problems).ifPresent(wait -> {
            // The pool's wait for a connection bounds how long a request waits before its 503; the
            // driver's own timeouts bound each attempt to open one; the pool's check must be shorter.
            properties.put("datasources.default.connection-timeout", wait * 1000L);
            properties.put("datasources.default.validation-timeout", wait * 500L);
            properties.put("datasources.default.data-source-properties.connectTimeout", wait);
            properties.put("datasources.default.data-source-properties.loginTimeout", wait);
        });
        seconds("LATCHKEY_DB_QUERY_TIMEOUT_SECONDS", 1, 86_400, problems)
                .ifPresent(wait -> properties.put("datasources.default.data-source-properties.socketTimeout", wait));
        Optional<Integer> drainSeconds = seconds("LATCHKEY_SHUTDOWN_DRAIN_SECONDS", 0, 3600, problems);
        Optional<Integer> graceSeconds = seconds("LATCHKEY_SHUTDOWN_GRACE_SECONDS", 1, 3600, problems);
        drainSeconds.ifPresent(drain -> properties.put("latchkey.shutdown.drain-delay", drain + "s"));
        graceSeconds.ifPresent(grace -> properties.put("latchkey.shutdown.grace-period", grace + "s"));
        if (drainSeconds.orElse(DEFAULT_DRAIN_SECONDS) > graceSeconds.orElse(DEFAULT_GRACE_SECONDS)) {
            problems.add("LATCHKEY_SHUTDOWN_DRAIN_SECONDS (" + drainSeconds.orElse(DEFAULT_DRAIN_SECONDS) + ") must not exceed "
                    + "LATCHKEY_SHUTDOWN_GRACE_SECONDS (" + graceSeconds.orElse(DEFAULT_GRACE_SECONDS) + "): the grace bounds the whole stop");
        }

        Optional<String> secret = value("LATCHKEY_SESSION_SECRET");
        if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add("LATCHKEY_SESSION_SECRET must be at least " + MIN_SECRET_BYTES + " bytes; generate one with: openssl rand -base64 48");
        }
        if (externalUrl.isPresent()) {
            if (!externalUrl.get().startsWith("jdbc:postgresql://")) {
                problems.add("LATCHKEY_DATABASE_URL must be a PostgreSQL JDBC URL such as jdbc:postgresql://db.internal:5432/latchkey");
            }
            if (secret.isEmpty()) {
                problems.add("LATCHKEY_SESSION_SECRET is required with an external database (every instance must sign with the same secret); "
                        + "generate one with: openssl rand -base64 48");
            }
            if (encryptionKeys.isEmpty()) {
                problems.add("LATCHKEY_ENCRYPTION_KEYS is required with an external database (credentials are encrypted with it); "
                        + "generate one with: echo \"k1:$(openssl rand -base64 32)\"");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException("Latchkey cannot start:\n  - " + String.join("\n  - ", problems));
        }

        if (externalUrl.isPresent()) {
            properties.put("datasources.default.url", externalUrl.get());
            value("LATCHKEY_DATABASE_USER").ifPresent(user -> properties.put("datasources.default.username", user));
            value("LATCHKEY_DATABASE_PASSWORD").ifPresent(password -> properties.put("datasources.default.password", password));
        } else {
            // Started beside the application context, which waits for it before its first connection (EmbeddedDatabaseReady).
            EmbeddedPostgres postgres = EmbeddedPostgres.launch(dataDir.resolve("postgres"), true);
            embeddedPostgres = postgres;
            properties.put("datasources.default.url", postgres.jdbcUrl("latchkey"));
            properties.put("datasources.default.username", postgres.username());
            properties.put("datasources.default.password", postgres.password());
        }
        properties.put("latchkey.session-secret", secret.orElseGet(() -> secretKeptIn(dataDir.resolve("session-secret"))));
        properties.put("latchkey.encryption-keys", encryptionKeys.orElseGet(() -> "k1:" + secretKeptIn(dataDir.resolve("encryption-key"), 32)));
        return properties;
    }

    /**
     * The operator console (README, "Console"): on when its identity provider's issuer, client id and
     * secret are all given, or (development, without them) with LATCHKEY_CONSOLE_DEV_SIGN_IN=true; the
     * roles claim, the role map and the session timeouts have defaults.
     */
    private void console(Map<String, Object> properties, List<String> problems) {
        Optional<String> issuer = value("LATCHKEY_CONSOLE_OIDC_ISSUER");
        Optional<String> clientId = value("LATCHKEY_CONSOLE_OIDC_CLIENT_ID");
        Optional<String> clientSecret = value("LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET");
        Optional<String> devSignIn = value("LATCHKEY_CONSOLE_DEV_SIGN_IN");
        if (devSignIn.isPresent() && !devSignIn.get().equals("true") && !devSignIn.get().equals("false")) {
            problems.add("LATCHKEY_CONSOLE_DEV_SIGN_IN must be true or false (got '" + devSignIn.get() + "')");
        } else if (devSignIn.filter("true"::equals).isPresent()) {
            if (issuer.isPresent() || clientId.isPresent() || clientSecret.isPresent()) {
                problems.add("LATCHKEY_CONSOLE_DEV_SIGN_IN is for development without an identity provider: unset it when "
                        + "LATCHKEY_CONSOLE_OIDC_* are set");
            } else {
                properties.put("latchkey.console.dev-sign-in", true);
            }
        }
        boolean oidcGiven = issuer.isPresent() || clientId.isPresent() || clientSecret.isPresent();
        if (!oidcGiven && !properties.containsKey("latchkey.console.dev-sign-in")) {
            return;
        }
        if (oidcGiven) {
            oidc(issuer, clientId, clientSecret, properties, problems);
        }
        value("LATCHKEY_CONSOLE_ROLES_CLAIM").ifPresent(claim -> properties.put("latchkey.console.roles-claim", claim));
        value("LATCHKEY_CONSOLE_ROLE_MAP").ifPresent(map -> {
            try {
                dev.latchkey.adapters.web.console.ConsoleRoleMap.parse(map);
                properties.put("latchkey.console.role-map", map);
            } catch (IllegalArgumentException e) {
                problems.add("LATCHKEY_CONSOLE_ROLE_MAP must be role=group pairs such as owner=lk-owners,admin=lk-admins,support=lk-support,"
                        + "viewer=lk-viewers: " + e.getMessage());
            }
        });
        Optional<Integer> idle = wholeNumber("LATCHKEY_CONSOLE_IDLE_MINUTES", "minutes", 1, 1440, problems);
        Optional<Integer> hours = wholeNumber("LATCHKEY_CONSOLE_SESSION_HOURS", "hours", 1, 168, problems);
        idle.ifPresent(minutes -> properties.put("latchkey.console.idle-timeout", minutes + "m"));
        hours.ifPresent(h -> properties.put("latchkey.console.absolute-timeout", h + "h"));
        if (idle.orElse(30) > hours.orElse(8) * 60) {
            problems.add("LATCHKEY_CONSOLE_IDLE_MINUTES must not exceed LATCHKEY_CONSOLE_SESSION_HOURS");
        }
    }

    private static void oidc(Optional<String> issuer, Optional<String> clientId, Optional<String> clientSecret, Map<String, Object> properties,
                             List<String> problems) {
        if (issuer.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
            problems.add("LATCHKEY_CONSOLE_OIDC_ISSUER, LATCHKEY_CONSOLE_OIDC_CLIENT_ID and LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET turn the console on "
                    + "together: give all three, or none to leave the console off");
            return;
        }
        String url = issuer.get();
        boolean loopback = url.matches("http://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?");
        if (!url.matches("https://[^/?#@\\s]+(/[^?#\\s]*)?") && !loopback) {
            problems.add("LATCHKEY_CONSOLE_OIDC_ISSUER must be the identity provider's https issuer URL, such as https://acme.okta.com "
                    + "or https://login.microsoftonline.com/<tenant>/v2.0 (got '" + url + "')");
        }
        properties.put("latchkey.console.issuer", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        properties.put("latchkey.console.client-id", clientId.get());
        properties.put("latchkey.console.client-secret", clientSecret.get());
    }

    /** The embedded PostgreSQL {@link #prepare} started, if it did: the caller stops it, after everything else. */
    public Optional<EmbeddedPostgres> embeddedPostgres() {
        return Optional.ofNullable(embeddedPostgres);
    }

    /** A whole number of seconds in [min, max], or a problem saying so. */
    private Optional<Integer> seconds(String name, int min, int max, List<String> problems) {
        return wholeNumber(name, "seconds", min, max, problems);
    }

    /** @param unit what the number counts, as the problem names it: seconds, days, records */
    private Optional<Integer> wholeNumber(String name, String unit, int min, int max, List<String> problems) {
        Optional<String> given = value(name);
        if (given.isPresent() && (!given.get().matches("\\d{1,6}") || Integer.parseInt(given.get()) < min || Integer.parseInt(given.get()) > max)) {
            problems.add(name + " must be a whole number of " + unit + " from " + min + " to " + max + " (got '" + given.get() + "')");
            return Optional.empty();
        }
        return given.map(Integer::parseInt);
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The embedded default's signing secret: generated once, kept (mode 0600) so tokens survive restarts. */
    static String secretKeptIn(Path file) {
        return secretKeptIn(file, 48);
    }

    /**
     * A random value of {@code bytes} bytes in base64, generated once into {@code file} and read back
     * after. The file is private from its first byte: created 0600 (never readable by others, not even
     * for the moment a chmod after writing would leave), written in full and fsynced under a temporary
     * name, then moved into place, so a crash leaves no half-written secret behind.
     */
    static String secretKeptIn(Path file, int bytesLength) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] bytes = new byte[bytesLength];
                new SecureRandom().nextBytes(bytes);
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                Files.deleteIfExists(partial);
                try (FileChannel channel = FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    channel.write(ByteBuffer.wrap(Base64.getEncoder().encode(bytes)));
                    channel.force(true);
                }
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the secret " + file.getFileName() + " in " + file.getParent() + ": "
                    + e.getMessage(), e);
        }
    }
}
