package dev.latchkey.adapters.web.proxy;

import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.domain.ApiPath;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller asked the proxy for, read from {@code /v1/proxy/{connector}/{path}?{query}} and the
 * {@code X-Linked-Account-Id} / {@code X-Connection-Id} headers, every problem reported at once.
 *
 * @param rawPath  the path after the connector, still percent-encoded, checked by {@link ApiPath}
 * @param rawQuery the query string as sent, or empty
 * @param retries  how many times the caller lets a limited answer (429, 503...) to an idempotent request be retried
 *                 ({@code X-Latchkey-Retries}, 0 to {@value #MAX_RETRIES}; 0 unless sent)
 * @param maxWait  the most the caller lets those retries wait in all ({@code X-Latchkey-Retry-Max-Wait}, in milliseconds)
 */
record ProxyCall(ConnectorSlug connector, String rawPath, String rawQuery, LinkedAccountId accountId,
                 Optional<ConnectionId> connectionId, int retries, java.time.Duration maxWait) {
    static final String PREFIX = "/v1/proxy/";
    /** The proxy's route, as a span names it: never the path a caller typed. */
    static final String ROUTE = "/v1/proxy/{connector}/{path}";
    static final String ACCOUNT_HEADER = "X-Linked-Account-Id";
    static final String CONNECTION_HEADER = "X-Connection-Id";
    static final String RETRIES_HEADER = "X-Latchkey-Retries";
    static final String MAX_WAIT_HEADER = "X-Latchkey-Retry-Max-Wait";
    static final int MAX_RETRIES = 5;
    static final long MAX_WAIT_MILLIS = 60_000;
    static final java.time.Duration DEFAULT_MAX_WAIT = java.time.Duration.ofSeconds(10);
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE, HttpMethod.HEAD);

    static boolean isProxied(String uri) {
        return uri.startsWith(PREFIX);
    }

    /** @throws InvalidInputException naming every field that is wrong */
    static ProxyCall parse(HttpRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        if (!METHODS.contains(request.method())) {
            problems.add(new FieldViolation("method", "the proxy forwards GET, POST, PUT, PATCH, DELETE and HEAD"));
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        String rest = (question < 0 ? uri : uri.substring(0, question)).substring(PREFIX.length());
        String rawQuery = question < 0 ? "" : uri.substring(question + 1);
        int slash = rest.indexOf('/');
        String rawPath = slash < 0 ? "" : rest.substring(slash + 1);
        ConnectorSlug connector = null;
        try {
            connector = new ConnectorSlug(slash < 0 ? rest : rest.substring(0, slash));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldViolation("connector", e.getMessage()));
        }
        ApiPath.problem(rawPath).ifPresent(problem -> problems.add(new FieldViolation("path", problem)));
        if (uri.indexOf('#') >= 0) {
            problems.add(new FieldViolation("path", "must not contain '#': a fragment is never sent to a server"));
        }
        HttpHeaders headers = request.headers();
        String accountHeader = headers.get(ACCOUNT_HEADER);
        LinkedAccountId account = null;
        if (accountHeader == null || accountHeader.isBlank()) {
            problems.add(new FieldViolation(ACCOUNT_HEADER, "is required: the linked account to act for"));
        } else {
            try {
                account = new LinkedAccountId(accountHeader);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation(ACCOUNT_HEADER, e.getMessage()));
            }
        }
        Optional<ConnectionId> connectionId = Optional.empty();
        String connectionHeader = headers.get(CONNECTION_HEADER);
        if (connectionHeader != null) {
            try {
                connectionId = Optional.of(ConnectionId.parse(connectionHeader));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation(CONNECTION_HEADER, e.getMessage()));
            }
        }
        int retries = 0;
        String retriesHeader = headers.get(RETRIES_HEADER);
        if (retriesHeader != null) {
            if (retriesHeader.strip().matches("[0-9]") && Integer.parseInt(retriesHeader.strip()) <= MAX_RETRIES) {
                retries = Integer.parseInt(retriesHeader.strip());
            } else {
                problems.add(new FieldViolation(RETRIES_HEADER, "must be a whole number from 0 to " + MAX_RETRIES));
            }
        }
        java.time.Duration maxWait = DEFAULT_MAX_WAIT;
        String maxWaitHeader = headers.get(MAX_WAIT_HEADER);
        if (maxWaitHeader != null) {
            String millis = maxWaitHeader.strip();
            if (millis.matches("[0-9]{1,5}") && Long.parseLong(millis) <= MAX_WAIT_MILLIS) {
                maxWait = java.time.Duration.ofMillis(Long.parseLong(millis));
            } else {
                problems.add(new FieldViolation(MAX_WAIT_HEADER, "must be milliseconds from 0 to " + MAX_WAIT_MILLIS
                        + ": the most all retries may wait in all"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ProxyCall(connector, rawPath, rawQuery, account, connectionId, retries, maxWait);
    }

    PrepareProxyRequestCommand command(WorkspaceId workspace) {
        return new PrepareProxyRequestCommand(workspace, accountId, connector, connectionId);
    }

    /**
     * The request target at the provider: the base URL's path, the caller's path and query, and the
     * signature's query parameters. Confined by construction: the path was checked ({@link ApiPath}:
     * no dot segments, no authority), it is only ever appended below the base's path, and host and
     * port come from the base URL, never from the caller's text.
     */
    String requestTarget(ProxyTarget target) {
        StringBuilder out = new StringBuilder(64).append(target.baseUrl().getRawPath() == null ? "" : target.baseUrl().getRawPath());
        if (!rawPath.isEmpty()) {
            out.append('/').append(rawPath);
        }
        if (out.isEmpty()) {
            out.append('/');
        }
        if (!rawQuery.isEmpty()) {
            out.append('?').append(rawQuery);
        }
        return withQuery(out.toString(), target.queryParameters());
    }

    /** The request target with query parameters added (a scheme's), each encoded. */
    static String withQuery(String requestTarget, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return requestTarget;
        }
        StringBuilder out = new StringBuilder(requestTarget);
        char separator = requestTarget.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            out.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
