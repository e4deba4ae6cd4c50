package dev.latchkey.domain.activity;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What happened in one proxied call, one refresh attempt or one webhook delivery attempt: the record
 * a platform team reads when a customer says "the sync stopped". It never holds a header, a body, a
 * token or a query value: {@code path} is cut at the query, {@code error} is the provider's own words,
 * truncated.
 *
 * @param at             when it started
 * @param method         the HTTP method sent to the provider or the endpoint; empty for a refresh that sent nothing
 * @param path           the path called, without its query; empty when there is none to show
 * @param providerStatus the status the provider (or webhook endpoint) answered; empty when it did not answer
 * @param status         the status Latchkey answered its caller; empty for background work with no caller
 * @param problemCode    the problem code Latchkey answered or recorded (e.g. {@code refresh_failed})
 * @param requestBytes   bytes sent to the provider
 * @param responseBytes  bytes received from the provider
 * @param refreshed      whether a refresh ran as part of this call
 * @param replayed       whether the call was replayed after the provider refused its token (a 401)
 * @param retries        how many times a proxied call was sent again after a rate-limited answer (the caller's X-Latchkey-Retries)
 * @param error          the provider's error text, truncated to {@link #MAX_ERROR_LENGTH}
 * @param requestId      the request id of the API call or proxied request this happened in
 * @param providerDuration the provider's part of {@code duration}: from the request's last byte sent to its answer's
 *                       first (a proxied call the provider answered); empty when the provider did not answer
 */
public record Activity(Instant at, WorkspaceId workspace, ActivityKind kind,
                       Optional<LinkedAccountId> linkedAccount, Optional<ConnectorSlug> connector,
                       Optional<ConnectionId> connection, Optional<String> method, Optional<String> path,
                       OptionalInt providerStatus, OptionalInt status, Optional<String> problemCode,
                       Duration duration, long requestBytes, long responseBytes, boolean refreshed, boolean replayed,
                       Optional<String> error, Optional<String> requestId, Optional<Duration> providerDuration, int retries) {
    public static final int MAX_ERROR_LENGTH = 500;
    public static final int MAX_PATH_LENGTH = 2048;

    public Activity {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        path = path.map(Activity::withoutQuery).map(p -> truncated(p, MAX_PATH_LENGTH));
        error = error.map(e -> truncated(e, MAX_ERROR_LENGTH));
        if (requestBytes < 0 || responseBytes < 0) {
            throw new IllegalArgumentException("byte counts must not be negative");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        Objects.requireNonNull(providerDuration, "providerDuration");
        if (retries < 0 || retries > Short.MAX_VALUE) {
            throw new IllegalArgumentException("retries must be between 0 and " + Short.MAX_VALUE);
        }
        if (providerDuration.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("the provider's duration must not be negative");
        }
    }

    /**
     * The status a record is filed under: Latchkey's own answer when there was a caller, else the
     * provider's or the endpoint's (background refreshes, webhook deliveries); empty when neither answered.
     */
    public OptionalInt answeredStatus() {
        return status.isPresent() ? status : providerStatus;
    }

    public static Builder of(Instant at, WorkspaceId workspace, ActivityKind kind) {
        return new Builder(at, workspace, kind);
    }

    private static String withoutQuery(String path) {
        int cut = path.indexOf('?');
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static String truncated(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    /** Call sites fill what they know; the rest stays empty. */
    public static final class Builder {
        private final Instant at;
        private final WorkspaceId workspace;
        private final ActivityKind kind;
        private Optional<LinkedAccountId> linkedAccount = Optional.empty();
        private Optional<ConnectorSlug> connector = Optional.empty();
        private Optional<ConnectionId> connection = Optional.empty();
        private Optional<String> method = Optional.empty();
        private Optional<String> path = Optional.empty();
        private OptionalInt providerStatus = OptionalInt.empty();
        private OptionalInt status = OptionalInt.empty();
        private Optional<String> problemCode = Optional.empty();
        private Duration duration = Duration.ZERO;
        private long requestBytes;
        private long responseBytes;
        private boolean refreshed;
        private boolean replayed;
        private Optional<String> error = Optional.empty();
        private Optional<String> requestId = Optional.empty();
        private Optional<Duration> providerDuration = Optional.empty();
        private int retries;

        private Builder(Instant at, WorkspaceId workspace, ActivityKind kind) {
            this.at = at;
            this.workspace = workspace;
            this.kind = kind;
        }

        public Builder linkedAccount(LinkedAccountId id) { this.linkedAccount = Optional.ofNullable(id); return this; }
        public Builder connector(ConnectorSlug slug) { this.connector = Optional.ofNullable(slug); return this; }
        public Builder connection(ConnectionId id) { this.connection = Optional.ofNullable(id); return this; }
        public Builder method(String method) { this.method = Optional.ofNullable(method); return this; }
        public Builder path(String path) { this.path = Optional.ofNullable(path); return this; }
        public Builder providerStatus(int status) { this.providerStatus = OptionalInt.of(status); return this; }
        public Builder status(int status) { this.status = OptionalInt.of(status); return this; }
        public Builder problemCode(String code) { this.problemCode = Optional.ofNullable(code); return this; }
        public Builder duration(Duration duration) { this.duration = duration; return this; }
        public Builder requestBytes(long bytes) { this.requestBytes = bytes; return this; }
        public Builder responseBytes(long bytes) { this.responseBytes = bytes; return this; }
        public Builder refreshed(boolean refreshed) { this.refreshed = refreshed; return this; }
        public Builder replayed(boolean replayed) { this.replayed = replayed; return this; }
        public Builder error(String error) { this.error = Optional.ofNullable(error); return this; }
        public Builder requestId(String requestId) { this.requestId = Optional.ofNullable(requestId); return this; }
        public Builder providerDuration(Duration duration) { this.providerDuration = Optional.ofNullable(duration); return this; }
        public Builder retries(int retries) { this.retries = retries; return this; }

        public Activity build() {
            return new Activity(at, workspace, kind, linkedAccount, connector, connection, method, path, providerStatus, status,
                    problemCode, duration, requestBytes, responseBytes, refreshed, replayed, error, requestId, providerDuration,
                    retries);
        }
    }
}
