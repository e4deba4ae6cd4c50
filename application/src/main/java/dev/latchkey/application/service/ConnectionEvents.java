package dev.latchkey.application.service;

import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events about connections and linked accounts, appended to the outbox. Their data names the
 * connection (ids, connector, auth type, status, identity label, last error): never a credential.
 */
final class ConnectionEvents {
    private final EventOutboxPort outbox;

    ConnectionEvents(EventOutboxPort outbox) {
        this.outbox = outbox;
    }

    void connection(String type, LinkedAccountId accountId, Connection connection, Instant now) {
        outbox.append(Event.of(connection.workspaceId(), type, now, data(accountId, connection)));
    }

    void accountDeleted(WorkspaceId workspaceId, LinkedAccountId accountId, Instant now) {
        outbox.append(Event.of(workspaceId, Event.LINKED_ACCOUNT_DELETED, now, Map.of("linked_account_id", accountId.value())));
    }

    static Map<String, Object> data(LinkedAccountId accountId, Connection connection) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("linked_account_id", accountId.value());
        data.put("connector", connection.connector().value());
        data.put("connection_id", connection.id().toString());
        data.put("auth_type", connection.authType());
        data.put("status", connection.status().label());
        connection.identifier().ifPresent(identifier -> data.put("identifier", identifier));
        connection.lastError().ifPresent(error -> data.put("last_error", error));
        return data;
    }
}
