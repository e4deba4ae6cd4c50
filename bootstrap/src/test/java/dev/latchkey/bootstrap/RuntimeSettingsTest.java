package dev.latchkey.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeSettingsTest {
    private static final String EXTERNAL = "jdbc:postgresql://db.internal:5432/latchkey";

    @Test
    void every_bad_setting_is_reported_at_once_with_what_to_do() {
        RuntimeSettings settings = new RuntimeSettings(Map.of(
                "LATCHKEY_PORT", "80a",
                "LATCHKEY_ADMIN_TOKEN", "short",
                "LATCHKEY_SESSION_SECRET", "too-short",
                "LATCHKEY_DATABASE_URL", "mysql://db",
                "LATCHKEY_REFRESH_WAIT_SECONDS", "0",
                "LATCHKEY_METRICS_PORT", "99999"));

        assertThatThrownBy(settings::prepare)
                .isInstanceOf(RuntimeSettings.InvalidSettingsException.class)
                .hasMessageContaining("LATCHKEY_PORT")
                .hasMessageContaining("LATCHKEY_METRICS_PORT must be a port number")
                .hasMessageContaining("LATCHKEY_REFRESH_WAIT_SECONDS must be a whole number of seconds")
                .hasMessageContaining("LATCHKEY_ADMIN_TOKEN must be at least 32")
                .hasMessageContaining("LATCHKEY_SESSION_SECRET must be at least 32")
                .hasMessageContaining("LATCHKEY_DATABASE_URL must be a PostgreSQL JDBC URL")
                .hasMessageContaining("openssl rand");
    }

    @Test
    void an_external_database_without_a_session_secret_is_refused() {
        RuntimeSettings settings = new RuntimeSettings(Map.of("LATCHKEY_DATABASE_URL", EXTERNAL));

        assertThatThrownBy(settings::prepare)
                .hasMessageContaining("LATCHKEY_SESSION_SECRET is required with an external database")
                .hasMessageContaining("LATCHKEY_ENCRYPTION_KEYS is required with an external database");
    }

    @Test
    void an_external_database_is_used_as_given_and_no_embedded_one_is_started(@TempDir Path dataDir) {
        Map<String, Object> properties = new RuntimeSettings(Map.of(
                "LATCHKEY_DATABASE_URL", EXTERNAL,
                "LATCHKEY_DATABASE_USER", "latchkey",
                "LATCHKEY_DATABASE_PASSWORD", "pw",
                "LATCHKEY_SESSION_SECRET", "0123456789abcdef0123456789abcdef",
                "LATCHKEY_ENCRYPTION_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "LATCHKEY_DATA_DIR", dataDir.toString(),
                "LATCHKEY_PORT", "9090",
                "LATCHKEY_METRICS_PORT", "9464",
                "LATCHKEY_REFRESH_WAIT_SECONDS", "4")).prepare();

        assertThat(properties)
                .containsEntry("latchkey.refresh.wait", "4s")
                .containsEntry("datasources.default.url", EXTERNAL)
                .containsEntry("datasources.default.username", "latchkey")
                .containsEntry("datasources.default.password", "pw")
                .containsEntry("latchkey.session-secret", "0123456789abcdef0123456789abcdef")
                .containsEntry("micronaut.server.port", 9090)
                .containsEntry("latchkey.metrics-port", 9464)
                .doesNotContainKey("latchkey.admin-token");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void the_database_timeouts_bound_the_pool_and_the_driver(@TempDir Path dataDir) {
        Map<String, Object> properties = new RuntimeSettings(Map.of(
                "LATCHKEY_DATABASE_URL", EXTERNAL,
                "LATCHKEY_SESSION_SECRET", "0123456789abcdef0123456789abcdef",
                "LATCHKEY_ENCRYPTION_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "LATCHKEY_DATA_DIR", dataDir.toString(),
                "LATCHKEY_DB_CONNECT_TIMEOUT_SECONDS", "3",
                "LATCHKEY_DB_QUERY_TIMEOUT_SECONDS", "20")).prepare();

        assertThat(properties)
                .containsEntry("datasources.default.connection-timeout", 3000L)
                .containsEntry("datasources.default.validation-timeout", 1500L)
                .containsEntry("datasources.default.data-source-properties.connectTimeout", 3)
                .containsEntry("datasources.default.data-source-properties.loginTimeout", 3)
                .containsEntry("datasources.default.data-source-properties.socketTimeout", 20);
    }

    @Test
    void a_log_format_other_than_text_or_json_is_refused() {
        RuntimeSettings settings = new RuntimeSettings(Map.of("LATCHKEY_LOG_FORMAT", "xml"));

        assertThatThrownBy(settings::prepare).hasMessageContaining("LATCHKEY_LOG_FORMAT must be text or json (got 'xml')");
    }

    @Test
    void the_activity_logs_queue_and_retention_are_refused_in_their_own_units() {
        RuntimeSettings settings = new RuntimeSettings(Map.of("LATCHKEY_LOG_QUEUE", "0", "LATCHKEY_LOG_RETENTION_DAYS", "two weeks"));

        assertThatThrownBy(settings::prepare)
                .hasMessageContaining("LATCHKEY_LOG_QUEUE must be a whole number of records from 1 to 999999 (got '0')")
                .hasMessageContaining("LATCHKEY_LOG_RETENTION_DAYS must be a whole number of days from 1 to 3650 (got 'two weeks')");
    }

    @Test
    void a_database_timeout_that_is_not_a_number_of_seconds_is_refused() {
        RuntimeSettings settings = new RuntimeSettings(Map.of(
                "LATCHKEY_DB_CONNECT_TIMEOUT_SECONDS", "0",
                "LATCHKEY_DB_QUERY_TIMEOUT_SECONDS", "5s"));

        assertThatThrownBy(settings::prepare)
                .hasMessageContaining("LATCHKEY_DB_CONNECT_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 300 (got '0')")
                .hasMessageContaining("LATCHKEY_DB_QUERY_TIMEOUT_SECONDS must be a whole number of seconds");
    }

    @Test
    void the_shutdown_drain_and_grace_become_durations_and_a_drain_longer_than_the_grace_is_refused(@TempDir Path dataDir) {
        Map<String, String> external = Map.of(
                "LATCHKEY_DATABASE_URL", EXTERNAL,
                "LATCHKEY_SESSION_SECRET", "0123456789abcdef0123456789abcdef",
                "LATCHKEY_ENCRYPTION_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "LATCHKEY_DATA_DIR", dataDir.toString());
        Map<String, String> configured = new java.util.HashMap<>(external);
        configured.put("LATCHKEY_SHUTDOWN_DRAIN_SECONDS", "10");
        configured.put("LATCHKEY_SHUTDOWN_GRACE_SECONDS", "45");

        assertThat(new RuntimeSettings(configured).prepare())
                .containsEntry("latchkey.shutdown.drain-delay", "10s")
                .containsEntry("latchkey.shutdown.grace-period", "45s");

        configured.put("LATCHKEY_SHUTDOWN_DRAIN_SECONDS", "40");
        configured.put("LATCHKEY_SHUTDOWN_GRACE_SECONDS", "20");
        assertThatThrownBy(new RuntimeSettings(configured)::prepare)
                .hasMessageContaining("LATCHKEY_SHUTDOWN_DRAIN_SECONDS (40) must not exceed LATCHKEY_SHUTDOWN_GRACE_SECONDS (20)");
        configured.put("LATCHKEY_SHUTDOWN_GRACE_SECONDS", "30s");
        assertThatThrownBy(new RuntimeSettings(configured)::prepare)
                .hasMessageContaining("LATCHKEY_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds");
    }

    @Test
    void the_generated_session_secret_is_kept_private_and_reused(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("session-secret");
        String first = RuntimeSettings.secretKeptIn(file);
        String second = RuntimeSettings.secretKeptIn(file);

        assertThat(first).isEqualTo(second).hasSizeGreaterThanOrEqualTo(RuntimeSettings.MIN_SECRET_BYTES);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void both_generated_secrets_are_created_private_in_full_and_an_interrupted_earlier_write_does_not_stop_them(@TempDir Path dataDir)
            throws Exception {
        Path key = dataDir.resolve("encryption-key");
        Files.writeString(dataDir.resolve("encryption-key.partial"), "half"); // a crash mid-write, before this change was atomic

        String secret = RuntimeSettings.secretKeptIn(key, 32);
        RuntimeSettings.secretKeptIn(dataDir.resolve("session-secret"));

        assertThat(java.util.Base64.getDecoder().decode(secret)).hasSize(32);
        for (String name : new String[] {"encryption-key", "session-secret"}) {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(name))).as(name).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("encryption-key", "session-secret");
        }
    }

    @Test
    void the_auth_throttle_and_trusted_proxies_are_read_and_checked() {
        Map<String, String> good = Map.of(
                "LATCHKEY_DATABASE_URL", EXTERNAL,
                "LATCHKEY_SESSION_SECRET", "0123456789abcdef0123456789abcdef",
                "LATCHKEY_ENCRYPTION_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "LATCHKEY_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7",
                "LATCHKEY_AUTH_FAILURE_BURST", "50",
                "LATCHKEY_AUTH_FAILURES_PER_SECOND", "0.5");
        assertThat(new RuntimeSettings(good).prepare())
                .containsEntry("latchkey.trusted-proxies", "10.0.0.0/8, 192.168.1.7")
                .containsEntry("latchkey.auth-throttle.burst", 50)
                .containsEntry("latchkey.auth-throttle.per-second", 0.5);

        RuntimeSettings bad = new RuntimeSettings(Map.of(
                "LATCHKEY_TRUSTED_PROXIES", "10.0.0.0/8, lb.internal",
                "LATCHKEY_AUTH_FAILURE_BURST", "0",
                "LATCHKEY_AUTH_FAILURES_PER_SECOND", "fast"));
        assertThatThrownBy(bad::prepare)
                .hasMessageContaining("LATCHKEY_TRUSTED_PROXIES must be comma-separated IP addresses or CIDRs")
                .hasMessageContaining("'lb.internal'")
                .hasMessageContaining("LATCHKEY_AUTH_FAILURE_BURST must be a whole number of at least 1")
                .hasMessageContaining("LATCHKEY_AUTH_FAILURES_PER_SECOND must be a number above 0");
    }

    @Test
    void the_console_is_on_with_its_issuer_client_id_and_secret_and_its_settings_are_checked(@TempDir Path dataDir) {
        Map<String, Object> properties = new RuntimeSettings(Map.of(
                "LATCHKEY_DATABASE_URL", EXTERNAL,
                "LATCHKEY_SESSION_SECRET", "0123456789abcdef0123456789abcdef",
                "LATCHKEY_ENCRYPTION_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "LATCHKEY_DATA_DIR", dataDir.toString(),
                "LATCHKEY_CONSOLE_OIDC_ISSUER", "https://acme.okta.com/",
                "LATCHKEY_CONSOLE_OIDC_CLIENT_ID", "latchkey",
                "LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET", "s3cret",
                "LATCHKEY_CONSOLE_ROLE_MAP", "admin=platform,viewer=everyone",
                "LATCHKEY_CONSOLE_IDLE_MINUTES", "15")).prepare();

        assertThat(properties)
                .containsEntry("latchkey.console.issuer", "https://acme.okta.com")
                .containsEntry("latchkey.console.client-id", "latchkey")
                .containsEntry("latchkey.console.client-secret", "s3cret")
                .containsEntry("latchkey.console.role-map", "admin=platform,viewer=everyone")
                .containsEntry("latchkey.console.idle-timeout", "15m");
    }

    @Test
    void a_half_configured_console_or_a_bad_role_map_is_refused_with_what_to_do() {
        assertThatThrownBy(new RuntimeSettings(Map.of("LATCHKEY_CONSOLE_OIDC_ISSUER", "https://acme.okta.com"))::prepare)
                .hasMessageContaining("give all three, or none");
        assertThatThrownBy(new RuntimeSettings(Map.of(
                "LATCHKEY_CONSOLE_OIDC_ISSUER", "http://idp.internal",
                "LATCHKEY_CONSOLE_OIDC_CLIENT_ID", "latchkey",
                "LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET", "s3cret",
                "LATCHKEY_CONSOLE_ROLE_MAP", "boss=everyone,admin",
                "LATCHKEY_CONSOLE_IDLE_MINUTES", "0"))::prepare)
                .hasMessageContaining("LATCHKEY_CONSOLE_OIDC_ISSUER must be the identity provider's https issuer URL")
                .hasMessageContaining("'boss' is not a console role")
                .hasMessageContaining("'admin' is not role=group")
                .hasMessageContaining("LATCHKEY_CONSOLE_IDLE_MINUTES must be a whole number of minutes");
    }

    @Test
    void the_development_sign_in_is_refused_beside_an_identity_provider() {
        assertThatThrownBy(new RuntimeSettings(Map.of(
                "LATCHKEY_CONSOLE_DEV_SIGN_IN", "true",
                "LATCHKEY_CONSOLE_OIDC_ISSUER", "https://acme.okta.com",
                "LATCHKEY_CONSOLE_OIDC_CLIENT_ID", "latchkey",
                "LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET", "s3cret"))::prepare)
                .hasMessageContaining("LATCHKEY_CONSOLE_DEV_SIGN_IN is for development without an identity provider");
        assertThatThrownBy(new RuntimeSettings(Map.of("LATCHKEY_CONSOLE_DEV_SIGN_IN", "yes"))::prepare)
                .hasMessageContaining("LATCHKEY_CONSOLE_DEV_SIGN_IN must be true or false");
    }
}
