package dev.latchkey.adapters.persistence.webhook;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook endpoints, the event outbox and the deliveries, in plain SQL on the transaction's
 * connection (the claim needs {@code FOR UPDATE OF ... SKIP LOCKED} over a join). Appending an event
 * joins the caller's transaction and creates one pending delivery per matching endpoint of the
 * workspace in it. Signing secrets are sealed with AES-256-GCM, bound to the workspace and endpoint.
 */
@Singleton
@TranslatesDatabaseFailures
public class WebhookPersistenceAdapter implements EventOutboxPort, WebhookEndpointStorePort, WebhookDeliveryStorePort {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPersistenceAdapter.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Jdbc jdbc;
    private final CredentialCipher cipher;
    private final JsonColumns json;

    public WebhookPersistenceAdapter(TransactionOperations<Connection> transactions, CredentialCipher cipher, JsonColumns json) {
        this.jdbc = new Jdbc(transactions, "webhook store");
        this.cipher = cipher;
        this.json = json;
    }

    // --- the outbox ---

    @Override
    public void append(Event event) {
        jdbc.run(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO webhook_events (id, workspace_id, type, created_at, payload) VALUES (?, ?, ?, ?, CAST(? AS jsonb))")) {
                insert.setString(1, event.id());
                insert.setObject(2, event.workspaceId().value());
                insert.setString(3, event.type());
                insert.setObject(4, time(event.createdAt()));
                insert.setString(5, json.object(event.data()));
                insert.executeUpdate();
            }
            try (PreparedStatement fanOut = c.prepareStatement("""
                    INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at, give_up_at, created_at)
                    SELECT gen_random_uuid(), ?, w.id, 'pending', 0, ?, ?, ?
                    FROM webhook_endpoints w
                    WHERE w.workspace_id = ? AND w.disabled_at IS NULL
                      AND (w.events @> jsonb_build_array(CAST(? AS text)) OR w.events @> '["*"]'::jsonb)""")) {
                fanOut.setString(1, event.id());
                fanOut.setObject(2, time(event.createdAt()));
                fanOut.setObject(3, time(event.createdAt().plus(WebhookDelivery.RETRY_WINDOW)));
                fanOut.setObject(4, time(event.createdAt()));
                fanOut.setObject(5, event.workspaceId().value());
                fanOut.setString(6, event.type());
                fanOut.executeUpdate();
            }
            return null;
        });
    }

    // --- key rotation of the signing secrets ---

    /** Re-encrypts up to {@code limit} signing secrets still under another key than the current one; rows claimed SKIP LOCKED. */
    public int reencryptSecrets(int limit) {
        String current = cipher.currentKeyId();
        return jdbc.run(c -> {
            int done = 0;
            try (PreparedStatement claim = c.prepareStatement("""
                    SELECT id, workspace_id, secret_key_id, secret_ciphertext FROM webhook_endpoints
                    WHERE secret_key_id <> ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""");
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE webhook_endpoints SET secret_key_id = ?, secret_ciphertext = ? WHERE id = ?")) {
                claim.setString(1, current);
                claim.setInt(2, limit);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        java.util.UUID id = rows.getObject("id", java.util.UUID.class);
                        AssociatedData aad = aad(new WorkspaceId(rows.getObject("workspace_id", java.util.UUID.class)), new WebhookEndpointId(id));
                        byte[] plaintext = cipher.decrypt(new Sealed(rows.getString("secret_key_id"), rows.getBytes("secret_ciphertext")), aad);
                        try {
                            Sealed fresh = cipher.encrypt(plaintext, aad);
                            update.setString(1, fresh.keyId());
                            update.setBytes(2, fresh.ciphertext());
                            update.setObject(3, id);
                            done += update.executeUpdate();
                        } finally {
                            Arrays.fill(plaintext, (byte) 0);
                        }
                    }
                }
            }
            return done;
        });
    }

    public long secretsUnderOtherKeys() {
        String current = cipher.currentKeyId();
        return jdbc.run(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM webhook_endpoints WHERE secret_key_id <> ?")) {
                count.setString(1, current);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    // --- endpoints ---

    @Override
    public void insert(WebhookEndpoint endpoint, WebhookSecret secret) {
        Sealed sealed = seal(endpoint.workspaceId(), endpoint.id(), secret);
        jdbc.run(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO webhook_endpoints (id, workspace_id, url, events, secret_key_id, secret_ciphertext, created_at)
                    VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?)""")) {
                insert.setObject(1, endpoint.id().value());
                insert.setObject(2, endpoint.workspaceId().value());
                insert.setString(3, endpoint.url().toString());
                insert.setString(4, json.strings(endpoint.events()));
                insert.setString(5, sealed.keyId());
                insert.setBytes(6, sealed.ciphertext());
                insert.setObject(7, time(endpoint.createdAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<WebhookEndpoint> list(WorkspaceId workspaceId) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT id, workspace_id, url, events::text AS events, created_at FROM webhook_endpoints
                    WHERE workspace_id = ? AND disabled_at IS NULL ORDER BY created_at, id""")) {
                select.setObject(1, workspaceId.value());
                List<WebhookEndpoint> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(endpoint(rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Optional<WebhookEndpoint> find(WorkspaceId workspaceId, WebhookEndpointId id) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT id, workspace_id, url, events::text AS events, created_at FROM webhook_endpoints
                    WHERE workspace_id = ? AND id = ? AND disabled_at IS NULL""")) {
                select.setObject(1, workspaceId.value());
                select.setObject(2, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(endpoint(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, WebhookEndpointId id) {
        return jdbc.run(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM webhook_endpoints WHERE workspace_id = ? AND id = ?")) {
                delete.setObject(1, workspaceId.value());
                delete.setObject(2, id.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean replaceSecret(WorkspaceId workspaceId, WebhookEndpointId id, WebhookSecret secret) {
        Sealed sealed = seal(workspaceId, id, secret);
        return jdbc.run(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE webhook_endpoints SET secret_key_id = ?, secret_ciphertext = ?
                    WHERE workspace_id = ? AND id = ? AND disabled_at IS NULL""")) {
                update.setString(1, sealed.keyId());
                update.setBytes(2, sealed.ciphertext());
                update.setObject(3, workspaceId.value());
                update.setObject(4, id.value());
                return update.executeUpdate() > 0;
            }
        });
    }

    // --- deliveries ---

    private static final String DELIVERY_COLUMNS = """
            SELECT d.id, d.endpoint_id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
                   d.last_error, d.delivered_at, d.created_at, d.last_response_excerpt
            FROM webhook_deliveries d
            JOIN webhook_events e ON e.id = d.event_id
            JOIN webhook_endpoints w ON w.id = d.endpoint_id
            """;

    @Override
    public List<WebhookDelivery> listByEndpoint(WorkspaceId workspaceId, WebhookEndpointId endpointId, int limit) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(DELIVERY_COLUMNS
                    + "WHERE w.workspace_id = ? AND d.endpoint_id = ? ORDER BY d.created_at DESC, d.id LIMIT ?")) {
                select.setObject(1, workspaceId.value());
                select.setObject(2, endpointId.value());
                select.setInt(3, limit);
                List<WebhookDelivery> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(delivery(rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Optional<WebhookDelivery> find(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(DELIVERY_COLUMNS
                    + "WHERE w.workspace_id = ? AND d.endpoint_id = ? AND d.id = ?")) {
                select.setObject(1, workspaceId.value());
                select.setObject(2, endpointId.value());
                select.setObject(3, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(delivery(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean reschedule(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id, Instant now, Instant giveUpAt) {
        return jdbc.run(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE webhook_deliveries d SET status = 'pending', next_attempt_at = ?, give_up_at = ?, lease_id = NULL
                    FROM webhook_endpoints w
                    WHERE w.id = d.endpoint_id AND w.workspace_id = ? AND d.endpoint_id = ? AND d.id = ?""")) {
                update.setObject(1, time(now));
                update.setObject(2, time(giveUpAt));
                update.setObject(3, workspaceId.value());
                update.setObject(4, endpointId.value());
                update.setObject(5, id.value());
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.run(c -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT d.id, d.attempts, d.give_up_at, e.id AS event_id, e.workspace_id, e.type, e.created_at AS event_created_at,
                           e.payload::text AS payload, w.id AS endpoint_id, w.url, w.secret_key_id, w.secret_ciphertext
                    FROM webhook_deliveries d
                    JOIN webhook_events e ON e.id = d.event_id
                    JOIN webhook_endpoints w ON w.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND w.disabled_at IS NULL
                    ORDER BY d.next_attempt_at, d.id
                    LIMIT ?
                    FOR UPDATE OF d SKIP LOCKED""");
                 PreparedStatement lease = c.prepareStatement(
                         "UPDATE webhook_deliveries SET next_attempt_at = ?, lease_id = ?, last_error = COALESCE(?, last_error) WHERE id = ?")) {
                select.setObject(1, time(now));
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject("id", UUID.class);
                        UUID leaseId = UUID.randomUUID();
                        String problem = null;
                        try {
                            claimed.add(claimed(rows, id, leaseId));
                        } catch (CredentialDecryptionException e) {
                            // Retried when the lease runs out, e.g. once the operator puts the key back.
                            problem = "the signing secret cannot be decrypted: " + e.getMessage();
                            LOG.error("Webhook delivery {}: {}", id, problem);
                        }
                        lease.setObject(1, time(leaseUntil));
                        lease.setObject(2, leaseId);
                        lease.setString(3, problem == null ? null : truncate(problem));
                        lease.setObject(4, id);
                        lease.addBatch();
                    }
                }
                lease.executeBatch();
            }
            return claimed;
        });
    }

    @Override
    public int purgeEventsBefore(Instant cutoff) {
        return jdbc.run(c -> {
            try (PreparedStatement delete = c.prepareStatement("""
                    DELETE FROM webhook_events e
                    WHERE e.created_at < ?
                      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')""")) {
                delete.setObject(1, time(cutoff));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void release(Claimed claimed, Instant dueAt) {
        jdbc.run(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE webhook_deliveries SET next_attempt_at = ?, lease_id = NULL WHERE id = ? AND lease_id = ?")) {
                update.setObject(1, time(dueAt));
                update.setObject(2, claimed.id().value());
                update.setObject(3, claimed.lease());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void delivered(Claimed claimed, int statusCode, Optional<String> responseExcerpt, Instant now) {
        jdbc.run(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE webhook_deliveries
                    SET status = 'delivered', attempts = attempts + 1, last_status_code = ?, last_error = NULL, delivered_at = ?,
                        next_attempt_at = NULL, lease_id = NULL, last_response_excerpt = ?
                    WHERE id = ? AND lease_id = ?""")) {
                update.setInt(1, statusCode);
                update.setObject(2, time(now));
                update.setString(3, excerpt(responseExcerpt));
                update.setObject(4, claimed.id().value());
                update.setObject(5, claimed.lease());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void attemptFailed(Claimed claimed, Optional<Integer> statusCode, String error, Optional<String> responseExcerpt,
                              Optional<Instant> nextAttemptAt) {
        jdbc.run(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE webhook_deliveries
                    SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?, next_attempt_at = ?, lease_id = NULL,
                        last_response_excerpt = ?
                    WHERE id = ? AND lease_id = ?""")) {
                update.setString(1, nextAttemptAt.isPresent() ? "pending" : "failed");
                if (statusCode.isPresent()) {
                    update.setInt(2, statusCode.get());
                } else {
                    update.setNull(2, Types.INTEGER);
                }
                update.setString(3, truncate(error));
                update.setObject(4, nextAttemptAt.map(WebhookPersistenceAdapter::time).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
                update.setString(5, excerpt(responseExcerpt));
                update.setObject(6, claimed.id().value());
                update.setObject(7, claimed.lease());
                return update.executeUpdate();
            }
        });
    }

    /** The excerpt as the column keeps it (the domain bounds it; the column's check is the last guard). */
    private static String excerpt(Optional<String> responseExcerpt) {
        return responseExcerpt.map(text -> text.length() > WebhookDelivery.MAX_EXCERPT ? text.substring(0, WebhookDelivery.MAX_EXCERPT) : text)
                .orElse(null);
    }

    // --- rows ---

    private Claimed claimed(ResultSet rows, UUID id, UUID leaseId) throws SQLException {
        WorkspaceId workspaceId = new WorkspaceId(rows.getObject("workspace_id", UUID.class));
        WebhookEndpointId endpointId = new WebhookEndpointId(rows.getObject("endpoint_id", UUID.class));
        Event event = new Event(rows.getString("event_id"), workspaceId, rows.getString("type"), instant(rows, "event_created_at"),
                json.object(rows.getString("payload")));
        WebhookSecret secret = open(workspaceId, endpointId, new Sealed(rows.getString("secret_key_id"), rows.getBytes("secret_ciphertext")));
        return new Claimed(new WebhookDeliveryId(id), leaseId, event, URI.create(rows.getString("url")), secret,
                rows.getInt("attempts"), instant(rows, "give_up_at"));
    }

    private WebhookEndpoint endpoint(ResultSet rows) throws SQLException {
        return new WebhookEndpoint(new WebhookEndpointId(rows.getObject("id", UUID.class)), new WorkspaceId(rows.getObject("workspace_id", UUID.class)),
                URI.create(rows.getString("url")), json.strings(rows.getString("events")), instant(rows, "created_at"));
    }

    private static WebhookDelivery delivery(ResultSet rows) throws SQLException {
        int code = rows.getInt("last_status_code");
        Optional<Integer> lastStatusCode = rows.wasNull() ? Optional.empty() : Optional.of(code);
        return new WebhookDelivery(new WebhookDeliveryId(rows.getObject("id", UUID.class)),
                new WebhookEndpointId(rows.getObject("endpoint_id", UUID.class)), rows.getString("event_id"), rows.getString("type"),
                WebhookDelivery.Status.parse(rows.getString("status")), rows.getInt("attempts"), optionalInstant(rows, "next_attempt_at"),
                lastStatusCode, Optional.ofNullable(rows.getString("last_error")), optionalInstant(rows, "delivered_at"),
                instant(rows, "created_at"), Optional.ofNullable(rows.getString("last_response_excerpt")));
    }

    private Sealed seal(WorkspaceId workspaceId, WebhookEndpointId id, WebhookSecret secret) {
        byte[] plaintext = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            return cipher.encrypt(plaintext, aad(workspaceId, id));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private WebhookSecret open(WorkspaceId workspaceId, WebhookEndpointId id, Sealed sealed) {
        byte[] plaintext = cipher.decrypt(sealed, aad(workspaceId, id));
        try {
            return WebhookSecret.parse(new String(plaintext, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CredentialDecryptionException("the signing secret of webhook " + id + " decrypts but is not a whsec_ secret");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** {@code webhook_endpoints:{workspace id}/{endpoint id}}. */
    static AssociatedData aad(WorkspaceId workspaceId, WebhookEndpointId id) {
        return new AssociatedData("webhook_endpoints", workspaceId.value().toString(), id.value().toString());
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
