package dev.latchkey.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a provider's API as one of your customers through Latchkey's proxy, which signs each
 * request with the customer's connection: {@code latchkey.proxy("hubspot", "cust-42").get("/crm/v3/objects/contacts")}.
 * Immutable: {@link #connection} and {@link #header} return a new one.
 *
 * <p>The provider's answer comes back as it is, whatever its status, with its headers and a
 * streamed body ({@link ProxyResponse}). Latchkey's own refusals (no connection,
 * {@code 409 connection_ambiguous}, {@code 409 connection_expired}, {@code 502 upstream_unreachable}...)
 * are thrown as {@link LatchkeyException}. A proxied call is sent once, never retried.
 */
public final class Proxy {
    private final Transport transport;
    private final String connector;
    private final String linkedAccountId;
    private final String connectionId;
    private final List<String[]> headers;

    Proxy(Transport transport, String connector, String linkedAccountId, String connectionId, List<String[]> headers) {
        if (linkedAccountId == null || linkedAccountId.isEmpty()) {
            throw new IllegalArgumentException("linkedAccountId is required: whose connection signs the request");
        }
        this.transport = transport;
        this.connector = connector;
        this.linkedAccountId = linkedAccountId;
        this.connectionId = connectionId;
        this.headers = List.copyOf(headers);
    }

    /** Which of the account's connections to this app signs (sent as {@code X-Connection-Id}); needed when it has several. */
    public Proxy connection(String connectionId) {
        return new Proxy(transport, connector, linkedAccountId, connectionId, headers);
    }

    /** A header for the provider, on every request of the returned proxy. */
    public Proxy header(String name, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {name, value});
        return new Proxy(transport, connector, linkedAccountId, connectionId, more);
    }

    public ProxyResponse get(String path) {
        return send("GET", path, null, HttpRequest.BodyPublishers.noBody());
    }

    public ProxyResponse head(String path) {
        return send("HEAD", path, null, HttpRequest.BodyPublishers.noBody());
    }

    public ProxyResponse delete(String path) {
        return send("DELETE", path, null, HttpRequest.BodyPublishers.noBody());
    }

    /** POSTs a JSON text. */
    public ProxyResponse post(String path, String json) {
        return send("POST", path, "application/json", json(json));
    }

    /** PUTs a JSON text. */
    public ProxyResponse put(String path, String json) {
        return send("PUT", path, "application/json", json(json));
    }

    /** PATCHes with a JSON text. */
    public ProxyResponse patch(String path, String json) {
        return send("PATCH", path, "application/json", json(json));
    }

    /**
     * Any method, any body: {@code HttpRequest.BodyPublishers.ofFile(...)} or {@code ofInputStream(...)}
     * stream it through Latchkey (up to 1 GiB).
     *
     * @param path        the provider's path and query, from {@code /}, e.g. {@code /crm/v3/objects/contacts?limit=10}
     * @param contentType null for none
     */
    public ProxyResponse send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must be the provider's path from '/', e.g. /crm/v3/objects/contacts; was " + path);
        }
        URI uri = transport.base().resolve("/v1/proxy/" + Transport.segment(connector) + path);
        HttpRequest.Builder request = transport.authorized(uri).header("X-Linked-Account-Id", linkedAccountId);
        if (connectionId != null) {
            request.header("X-Connection-Id", connectionId);
        }
        for (String[] header : headers) {
            request.header(header[0], header[1]);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<InputStream> response = transport.stream(request.method(method, body).build());
        if (response.headers().firstValue(ProxyResponse.CONNECTION_HEADER).isEmpty() && response.statusCode() >= 400) {
            // No connection signed it: the answer is Latchkey's own, not the provider's.
            byte[] problem;
            try (InputStream in = response.body()) {
                problem = in.readNBytes(64 * 1024);
            } catch (IOException e) {
                problem = new byte[0];
            }
            throw Transport.problem(response.statusCode(), problem);
        }
        return new ProxyResponse(response);
    }

    private static HttpRequest.BodyPublisher json(String json) {
        return HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Proxy[connector=" + connector + ", linkedAccountId=" + linkedAccountId
                + (connectionId == null ? "" : ", connectionId=" + connectionId) + "]";
    }
}
