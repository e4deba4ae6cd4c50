package dev.latchkey.adapters.web.proxy;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.request.LogContext;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.in.RecordActivityUseCase;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What one proxied exchange did, gathered as it goes and recorded once when it ends: the activity log's
 * record (and the metrics'). Holds no header, body, token or query value: the path is cut at the query.
 * An exchange refused before its caller was known (no or a bad API key) belongs to no workspace and is
 * not recorded. A call the provider failed (its 5xx, or no answer) is also logged, once.
 */
final class ProxyActivity {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyActivity.class);
    /**
     * Latchkey's 5xx that say the provider failed (a failed refresh logs its own line; Latchkey's other
     * 5xx, such as refresh_in_progress or database_unavailable, are not the provider's doing).
     */
    private static final Set<String> UPSTREAM_FAILURES = Set.of("upstream_unreachable", "upstream_timeout");
    final String requestId;
    private final Instant at = Instant.now();
    private final long started = System.nanoTime();
    private final String method;
    private WorkspaceId workspace;
    private ProxyCall call;
    private ProxyTarget target;
    private String path;
    private int providerStatus;
    private int status;
    private String problemCode;
    private long responseBytes;
    /** When the request (its last byte, or its head while its body streams) went to the provider; 0 before. */
    private long sentAt;
    private long providerNanos = -1;
    private boolean recorded;

    ProxyActivity(String requestId, String method) {
        this.requestId = requestId;
        this.method = method;
    }

    void caller(WorkspaceId workspace) {
        this.workspace = workspace;
    }

    void call(ProxyCall call) {
        this.call = call;
    }

    void target(ProxyTarget target, String requestTarget) {
        this.target = target;
        this.path = requestTarget;
    }

    /** The request (or, while its body still streams, its head) is on its way to the provider. */
    void sent() {
        sentAt = System.nanoTime();
    }

    /** The provider's final answer, passed on to the caller: the provider's time ends with its head. */
    void answered(int status) {
        this.providerStatus = status;
        this.status = status;
        if (sentAt > 0) {
            providerNanos = Math.max(0, System.nanoTime() - sentAt);
        }
    }

    void failed(Problem problem) {
        this.status = problem.status();
        this.problemCode = problem.code();
    }

    /** The status Latchkey answered so far (0: none yet). */
    int status() {
        return status;
    }

    java.util.Optional<String> problemCode() {
        return java.util.Optional.ofNullable(problemCode);
    }

    void received(long bytes) {
        responseBytes += bytes;
    }

    /** @param retries how many times the call was sent again after a rate-limited answer */
    void record(RecordActivityUseCase recorder, long requestBytes, boolean replayed, int retries) {
        if (recorded || workspace == null) {
            return;
        }
        recorded = true;
        Activity.Builder activity = Activity.of(at, workspace, ActivityKind.PROXY).method(method).requestId(requestId)
                .duration(Duration.ofNanos(System.nanoTime() - started)).requestBytes(requestBytes).responseBytes(responseBytes)
                .replayed(replayed).refreshed(replayed).problemCode(problemCode).retries(retries);
        if (call != null) {
            activity.linkedAccount(call.accountId()).connector(call.connector()).path(path != null ? path : "/" + call.rawPath());
            call.connectionId().ifPresent(activity::connection);
        }
        if (target != null) {
            activity.connection(target.connectionId());
        }
        if (providerStatus > 0) {
            activity.providerStatus(providerStatus);
        }
        if (providerNanos >= 0) {
            activity.providerDuration(Duration.ofNanos(providerNanos));
        }
        if (status > 0) {
            activity.status(status);
        }
        recorder.record(activity.build());
        if (providerStatus >= 500 || (problemCode != null && UPSTREAM_FAILURES.contains(problemCode))) {
            warn();
        }
    }

    /**
     * One line for a proxied call that failed on the provider's side (its 5xx, or no answer at all): the
     * connector, connection and statuses, with the request id and workspace in the MDC; never the path's
     * query, a header or a body.
     */
    private void warn() {
        String connector = call == null ? "-" : call.connector().value();
        String connection = target == null ? "-" : target.connectionId().toString();
        try (LogContext ignored = LogContext.open(requestId, workspace)) {
            if (providerStatus > 0) {
                LOG.warn("The provider answered {} to a proxied {} (connector {}, connection {})", providerStatus, method, connector,
                        connection);
            } else {
                LOG.warn("A proxied {} failed with {} {} (connector {}, connection {})", method, status, problemCode, connector, connection);
            }
        }
    }
}
