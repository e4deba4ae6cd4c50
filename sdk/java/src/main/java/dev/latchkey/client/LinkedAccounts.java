package dev.latchkey.client;

import com.fasterxml.jackson.databind.JavaType;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.latchkey.client.Transport.segment;

/** {@code /v1/linked-accounts}: one per customer of your company, under your own id. */
public final class LinkedAccounts {
    private static final JavaType ACCOUNT = Transport.type(LinkedAccount.class);
    private static final JavaType PAGE = Transport.pageOf(LinkedAccount.class);

    private final Transport transport;

    LinkedAccounts(Transport transport) {
        this.transport = transport;
    }

    /** Creates one; {@code 409 linked_account_exists} when the id is taken. */
    public LinkedAccount create(String id) {
        return create(id, null, null);
    }

    /**
     * Creates one; {@code 409 linked_account_exists} when the id is taken.
     *
     * @param name     null for none
     * @param metadata null for none; a JSON object of your own
     */
    public LinkedAccount create(String id, String name, Map<String, ?> metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        putIfPresent(body, name, metadata);
        return transport.call("POST", "/v1/linked-accounts", body, Transport.Repeat.CREATE, ACCOUNT);
    }

    /** Creates it, or replaces its name and metadata when it exists ({@code PUT}). */
    public LinkedAccount upsert(String id, String name, Map<String, ?> metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfPresent(body, name, metadata);
        return transport.call("PUT", path(id), body, Transport.Repeat.IDEMPOTENT, ACCOUNT);
    }

    /** Changes the fields given; the others stay. */
    public LinkedAccount update(String id, LinkedAccountChanges changes) {
        // Sets fields to given values: repeating it changes nothing more, so it may be retried.
        return transport.call("PATCH", path(id), changes.body(), Transport.Repeat.IDEMPOTENT, ACCOUNT);
    }

    /** {@code 404 linked_account_not_found} for an unknown id. */
    public LinkedAccount get(String id) {
        return transport.get(path(id), ACCOUNT);
    }

    /** Deletes it and everything it holds (connections are revoked); its session tokens stop working. */
    public void delete(String id) {
        transport.call("DELETE", path(id), null, Transport.Repeat.IDEMPOTENT, null);
    }

    /** Every linked account, in id order, fetched page by page as you iterate. */
    public Paged<LinkedAccount> list() {
        return list(null, 100);
    }

    /**
     * The linked accounts whose id or name starts with {@code search} (null for all), in id order.
     *
     * @param pageSize 1 to 200 per request
     */
    public Paged<LinkedAccount> list(String search, int pageSize) {
        return new Paged<>(cursor -> page(pageSize, cursor, search));
    }

    /** One page; pass its {@code nextCursor} for the next one. */
    public Page<LinkedAccount> page(int limit, String cursor, String search) {
        return transport.get("/v1/linked-accounts" + Transport.query("limit", limit, "cursor", cursor, "search", search), PAGE);
    }

    private static void putIfPresent(Map<String, Object> body, String name, Map<String, ?> metadata) {
        if (name != null) {
            body.put("name", name);
        }
        if (metadata != null) {
            body.put("metadata", metadata);
        }
    }

    private static String path(String id) {
        return "/v1/linked-accounts/" + segment(id);
    }
}
