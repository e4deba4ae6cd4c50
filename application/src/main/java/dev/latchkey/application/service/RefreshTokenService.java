package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.RefreshTokenUseCase;
import dev.latchkey.application.port.in.RequestIds;
import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.ConnectionStorePort.RefreshSchedule;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.RowLockTimeoutException;
import dev.latchkey.application.port.out.TraceSpan;
import dev.latchkey.application.port.out.TracerPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connection.RefreshInProgressException;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.TokenFingerprint;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fresh tokens, refreshed at most once at a time per connection. The need is checked without a lock;
 * a refresh locks the connection's row, checks the need again (a racer may have refreshed it while
 * this one waited), calls the provider while holding the lock, and stores the outcome in the same
 * transaction: the new token (a rotated refresh token with it), or the connection expired with an
 * event (the provider refused the grant), or the error and a backoff (the provider had a bad minute).
 *
 * <p>After a 401 the need is "the rejected token is still the stored one", compared by fingerprint:
 * the requests of a burst that all carried one token refresh it once, and a request signed with a
 * token that was replaced meanwhile is answered the stored token without a refresh. The wait for the
 * lock is bounded ({@code lockWait}): a request behind a refresh that hangs on the provider is told
 * to try again ({@link RefreshInProgressException}) instead of waiting out the provider's timeout.
 */
public final class RefreshTokenService implements RefreshTokenUseCase {
    private static final System.Logger LOG = System.getLogger(RefreshTokenService.class.getName());
    static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** How long a request waits for another's refresh of the same connection, unless configured. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    /** What a request that gave up waiting for another's refresh is told: the refresh should be done by then. */
    static final Duration IN_PROGRESS_RETRY_AFTER = Duration.ofSeconds(5);

    private final ConnectionStorePort connections;
    private final LinkedAccountStorePort accounts;
    private final GetConnectorUseCase connectors;
    private final AuthSchemes schemes;
    private final EventOutboxPort events;
    private final TransactionPort transactions;
    private final Clock clock;
    private final Duration lockWait;
    private final ActivityRecorderPort activity;
    private final TracerPort tracer;

    public RefreshTokenService(ConnectionStorePort connections, LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                               List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock) {
        this(connections, accounts, connectors, schemes, events, transactions, clock, DEFAULT_WAIT);
    }

    /** @param lockWait how long a request waits for another's refresh of the same connection before it is told to try again */
    public RefreshTokenService(ConnectionStorePort connections, LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                               List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock,
                               Duration lockWait) {
        this(connections, accounts, connectors, schemes, events, transactions, clock, lockWait, recorded -> {
        });
    }

    /** @param activity where each attempt to refresh (each call to the token endpoint) is recorded */
    public RefreshTokenService(ConnectionStorePort connections, LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                               List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock,
                               Duration lockWait, ActivityRecorderPort activity) {
        this(connections, accounts, connectors, schemes, events, transactions, clock, lockWait, activity, TracerPort.NONE);
    }

    /** @param tracer where each attempt to refresh opens its span (README, "Traces") */
    public RefreshTokenService(ConnectionStorePort connections, LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                               List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock,
                               Duration lockWait, ActivityRecorderPort activity, TracerPort tracer) {
        this.activity = activity;
        this.tracer = tracer;
        if (lockWait.isNegative() || lockWait.isZero()) {
            throw new IllegalArgumentException("the wait for another request's refresh must be positive");
        }
        this.lockWait = lockWait;
        this.connections = connections;
        this.accounts = accounts;
        this.connectors = connectors;
        this.schemes = new AuthSchemes(schemes);
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Connection fresh(WorkspaceId workspaceId, ConnectionId connectionId) {
        return fresh(find(workspaceId, connectionId));
    }

    @Override
    public Connection fresh(Connection seen) {
        return fresh(seen, Optional.empty());
    }

    @Override
    public Connection replacing(WorkspaceId workspaceId, ConnectionId connectionId, TokenFingerprint rejected) {
        return replacing(find(workspaceId, connectionId), rejected);
    }

    @Override
    public Connection replacing(Connection seen, TokenFingerprint rejected) {
        return fresh(seen, Optional.of(rejected));
    }

    private Connection find(WorkspaceId workspaceId, ConnectionId connectionId) {
        return connections.find(workspaceId, connectionId).orElseThrow(() -> ConnectorErrors.connectionNotFound(connectionId));
    }

    /**
     * @param rejected the token the provider refused, if it did: a refresh is needed while that is still
     *                 the stored token, whatever its expiry; once another request replaced it, only the
     *                 margin decides
     */
    private Connection fresh(Connection seen, Optional<TokenFingerprint> rejected) {
        WorkspaceId workspaceId = seen.workspaceId();
        ConnectionId connectionId = seen.id();
        requireUsable(seen);
        Optional<AccessToken> token = seen.credentials().token();
        if (token.isEmpty()) {
            return seen; // key-based schemes sign with their fields: nothing to refresh
        }
        Instant now = clock.instant();
        Duration margin = margin(seen);
        boolean replace = rejected.filter(r -> r.matches(token.get())).isPresent();
        if (!replace && !token.get().needsRefreshAt(now, margin)) {
            return seen; // valid, and (if a token was rejected) not this one: sign with it
        }
        // Under the lock, against the token the provider rejected — not against what this request read
        // before: a racer may have replaced it meanwhile, and refreshing again would waste its new token
        // (and, with a provider that rotates refresh tokens strictly, burn the refresh token twice).
        StillFresh stillFresh = locked -> !locked.needsRefreshAt(now, margin) && rejected.filter(r -> r.matches(locked)).isEmpty();
        Outcome outcome;
        try {
            outcome = transactions.inTransaction(() -> refreshLocked(workspaceId, connectionId, now, stillFresh));
        } catch (RowLockTimeoutException e) {
            throw new RefreshInProgressException(lockWait, IN_PROGRESS_RETRY_AFTER);
        }
        return outcome.connectionOrThrow(now, replace);
    }

    @Override
    public Optional<Instant> refreshDueAt(Connection connection) {
        Optional<AccessToken> token = connection.credentials().token();
        if (token.isEmpty() || token.get().expiresAt().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(token.get().expiresAt().get().minus(margin(connection)));
    }

    /**
     * The background refresher's refresh: {@code window} widens the margin (refresh earlier than a
     * request would), and a retry that is due is made whatever the token's expiry. Never throws for a
     * provider's answer: the outcome is stored.
     */
    void refreshInBackground(ConnectionStorePort.Due due, Duration window) {
        Instant now = clock.instant();
        transactions.inTransaction(() -> refreshLocked(due.workspaceId(), due.id(), now, locked -> false, window));
    }

    /** Whether the locked token is already fine, so nobody needs to call the provider. */
    private interface StillFresh {
        boolean test(AccessToken locked);
    }

    private Outcome refreshLocked(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, StillFresh stillFresh) {
        return refreshLocked(workspaceId, connectionId, now, stillFresh, null);
    }

    private Outcome refreshLocked(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, StillFresh stillFresh,
                                  Duration backgroundWindow) {
        Connection locked = connections.lockForUpdate(workspaceId, connectionId, lockWait)
                .orElseThrow(() -> ConnectorErrors.connectionNotFound(connectionId));
        if (locked.status() != ConnectionStatus.ACTIVE) {
            return new Outcome.Unusable(locked);
        }
        Optional<AccessToken> token = locked.credentials().token();
        if (token.isEmpty()) {
            return new Outcome.Fresh(locked);
        }
        RefreshSchedule schedule = connections.refreshSchedule(workspaceId, connectionId);
        if (backgroundWindow != null) {
            Duration window = backgroundWindow.compareTo(margin(locked)) > 0 ? backgroundWindow : margin(locked);
            boolean retryDue = schedule.failures() > 0;
            boolean keepAliveDue = refreshAtLeastEvery(locked).filter(every -> keepAliveDue(locked, every, now.plus(window))).isPresent();
            if (!retryDue && !keepAliveDue && !token.get().needsRefreshAt(now, window)) {
                if (schedule.failures() == 0) {
                    // Claimed for a keep-alive the connector no longer asks for (or refreshed by a request meanwhile):
                    // forget the lease and the stale keep-alive, so the connection is not claimed again and again.
                    connections.scheduleRefresh(workspaceId, connectionId, RefreshSchedule.NONE);
                    connections.keepAliveBy(workspaceId, connectionId, ConnectionWriter.keepAliveBy(locked,
                            refreshAtLeastEvery(locked), locked.lastRefreshedAt().orElse(locked.updatedAt())));
                }
                return new Outcome.Fresh(locked); // refreshed by a request meanwhile
            }
        } else if (stillFresh.test(token.get())) {
            return new Outcome.Fresh(locked); // a racer refreshed it while this one waited for the lock
        }
        // The background refresher's claim already waited for the backoff (and replaced its time by a lease).
        if (backgroundWindow == null && schedule.backingOffAt(now)) {
            return new Outcome.BackingOff(locked, Duration.between(now, schedule.at().orElseThrow()), locked.lastError().orElse(
                    "the provider failed recently"));
        }
        Optional<AuthSchemePort.Grant> grant;
        long started = System.nanoTime();
        try (TraceSpan span = tracer.start("refresh", traceAttributes(locked))) {
            try {
                grant = schemes.find(locked.authType()).flatMap(scheme -> context(locked)
                        .flatMap(context -> scheme.refresh(context, locked.credentials())));
            } catch (ProviderException e) {
                span.failed(problemCode(e));
                recordAttempt(locked, now, started, Optional.of(e));
                // One line a failed refresh: for a refusal the provider's error code, never its description (it may echo
                // what was sent); for an outage Latchkey's own words (which host, what went wrong).
                LOG.log(System.Logger.Level.WARNING, "Refreshing connection {0} ({1}) failed: {2}", locked.id(), locked.connector().value(),
                        e.kind() == ProviderException.Kind.REJECTED ? "the provider refused it (" + e.providerError() + ")" : e.getMessage());
                return switch (e.kind()) {
                    case REJECTED -> expire(locked, e, now);
                    case UNAVAILABLE -> backOff(locked, schedule, e, now);
                };
            }
            span.attribute("latchkey.refreshed", String.valueOf(grant.isPresent()));
        }
        if (grant.isPresent()) {
            recordAttempt(locked, now, started, Optional.empty());
        }
        Optional<AccessToken> fresh = grant.flatMap(g -> g.credentials().token());
        if (fresh.isEmpty()) {
            if (backgroundWindow != null) {
                // Nothing to refresh with (no refresh token): remind the background refresher at the expiry only.
                connections.scheduleRefresh(workspaceId, connectionId, new RefreshSchedule(0,
                        Optional.of(token.get().expiresAt().filter(now::isBefore).orElse(now.plus(MAX_BACKOFF)))));
            }
            return new Outcome.Fresh(locked);
        }
        Connection refreshed = locked.refreshed(fresh.get(), now);
        connections.update(refreshed);
        connections.keepAliveBy(workspaceId, connectionId, ConnectionWriter.keepAliveBy(refreshed, refreshAtLeastEvery(refreshed), now));
        if (locked.lastError().isPresent()) {
            events.append(event(refreshed, Event.CONNECTION_RECOVERED, Map.of(), now));
        }
        return new Outcome.Fresh(refreshed);
    }

    /** One call to the token endpoint, for the activity log: its outcome and, for a failure, the provider's words. */
    private void recordAttempt(Connection connection, Instant at, long startedNanos, Optional<ProviderException> failure) {
        try {
            Activity.Builder record = Activity.of(at, connection.workspaceId(), ActivityKind.REFRESH)
                    .connector(connection.connector()).connection(connection.id())
                    .duration(Duration.ofNanos(Math.max(0, System.nanoTime() - startedNanos))).refreshed(failure.isEmpty());
            accounts.findByKey(connection.workspaceId(), connection.accountKey()).ifPresent(account -> record.linkedAccount(account.id()));
            // The provider's words as the connection keeps them (its code and description), not the code alone:
            // the console's activity page and GET /v1/logs answer "why" with it.
            failure.ifPresent(e -> record.problemCode(problemCode(e)).error(e.getMessage() != null ? e.getMessage() : e.providerError()));
            RequestIds.current().ifPresent(record::requestId);
            activity.record(record.build());
        } catch (RuntimeException e) {
            // Recording never fails the refresh it records.
        }
    }

    private static String problemCode(ProviderException e) {
        return switch (e.kind()) {
            case REJECTED -> "refresh_rejected";
            case UNAVAILABLE -> "provider_unavailable";
        };
    }

    /** What a refresh's span says: which connector and connection, and the request it was made for (the activity record's id). */
    private static Map<String, String> traceAttributes(Connection connection) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("latchkey.connector", connection.connector().value());
        attributes.put("latchkey.connection_id", connection.id().toString());
        RequestIds.current().ifPresent(id -> attributes.put("latchkey.request_id", id));
        return attributes;
    }

    private Outcome expire(Connection locked, ProviderException e, Instant now) {
        String reason = e.getMessage() == null ? e.providerError() : e.getMessage();
        Connection expired = locked.expired(reason, now);
        connections.update(expired);
        events.append(event(expired, Event.CONNECTION_EXPIRED, Map.of("reason", reason, "provider_error", e.providerError()), now));
        return new Outcome.Unusable(expired);
    }

    private Outcome backOff(Connection locked, RefreshSchedule schedule, ProviderException e, Instant now) {
        int failures = schedule.failures() + 1;
        // A limit with a signalled time is retried then (the provider said when), not on our backoff's clock.
        Duration delay = e.rateLimited() && e.retryAfter().isPresent() ? limitWait(e.retryAfter().get())
                : withHint(backoff(failures), e.retryAfter());
        String error = e.getMessage() == null ? e.providerError() : e.getMessage();
        Connection failed = locked.refreshFailed(error, now);
        connections.update(failed);
        connections.scheduleRefresh(locked.workspaceId(), locked.id(), new RefreshSchedule(failures, Optional.of(now.plus(delay))));
        return new Outcome.BackingOff(failed, delay, error);
    }

    /** The provider's Retry-After when it asks for longer than our backoff (capped at a day). */
    static Duration withHint(Duration backoff, Optional<Duration> hint) {
        Duration day = Duration.ofDays(1);
        return hint.filter(h -> h.compareTo(backoff) > 0).map(h -> h.compareTo(day) > 0 ? day : h).orElse(backoff);
    }

    /** The wait a provider's limit signalled: at least a second (never a busy loop), at most a day. */
    static Duration limitWait(Duration signalled) {
        Duration day = Duration.ofDays(1);
        Duration second = Duration.ofSeconds(1);
        return signalled.compareTo(second) < 0 ? second : signalled.compareTo(day) > 0 ? day : signalled;
    }

    /** 1 minute after the first failure, doubling, at most 1 hour. */
    static Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 6);
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private Event event(Connection connection, String type, Map<String, Object> extra, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        accounts.findByKey(connection.workspaceId(), connection.accountKey())
                .ifPresent(account -> data.put("linked_account_id", account.id().value()));
        data.put("connector", connection.connector().value());
        data.put("connection_id", connection.id().toString());
        data.put("status", connection.status().label());
        data.putAll(extra);
        return Event.of(connection.workspaceId(), type, now, data);
    }

    private Optional<AuthSchemePort.Context> context(Connection connection) {
        ConnectorView view = connectors.get(connection.workspaceId(), connection.connector());
        return view.definition().authMethod(connection.authType()).map(method ->
                new AuthSchemePort.Context(view.definition(), method, connection.params(), view.settings().client()));
    }

    /** How often the connector's provider needs a refresh token used, if it revokes idle ones. */
    private Optional<Duration> refreshAtLeastEvery(Connection connection) {
        try {
            return connectors.get(connection.workspaceId(), connection.connector()).definition().refreshAtLeastEvery();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the refresh token was last used (refreshed, or obtained) {@code every} before {@code by}. */
    private static boolean keepAliveDue(Connection connection, Duration every, Instant by) {
        Instant lastUsed = connection.lastRefreshedAt().orElse(connection.createdAt());
        return connection.credentials().token().flatMap(AccessToken::refreshToken).isPresent() && !lastUsed.plus(every).isAfter(by);
    }

    /** The connector's refresh margin, 5 minutes unless it declares one. */
    private Duration margin(Connection connection) {
        try {
            return connectors.get(connection.workspaceId(), connection.connector()).capabilities(connection.authType()).refreshMargin()
                    .orElse(DEFAULT_MARGIN);
        } catch (RuntimeException e) {
            return DEFAULT_MARGIN;
        }
    }

    static void requireUsable(Connection connection) {
        if (connection.status() != ConnectionStatus.ACTIVE) {
            throw expired(connection);
        }
    }

    static ConflictException expired(Connection connection) {
        return new ConflictException("connection_expired", "Connection '" + connection.id() + "' is " + connection.status().label()
                + connection.lastError().map(e -> " (" + e + ")").orElse("")
                + ": the customer must connect " + connection.connector() + " again.");
    }

    /** What happened under the lock; thrown, if at all, after the transaction committed it. */
    private sealed interface Outcome {
        Connection connection();

        Connection connectionOrThrow(Instant now, boolean rejected);

        record Fresh(Connection connection) implements Outcome {
            @Override
            public Connection connectionOrThrow(Instant now, boolean rejected) {
                return connection;
            }
        }

        record Unusable(Connection connection) implements Outcome {
            @Override
            public Connection connectionOrThrow(Instant now, boolean rejected) {
                throw expired(connection);
            }
        }

        /** The provider failed now or recently: the token is still used while it is valid (not after a 401). */
        record BackingOff(Connection connection, Duration retryAfter, String error) implements Outcome {
            @Override
            public Connection connectionOrThrow(Instant now, boolean rejected) {
                boolean pastExpiry = connection.credentials().token().flatMap(AccessToken::expiresAt)
                        .filter(at -> !now.isBefore(at)).isPresent();
                if (rejected || pastExpiry) {
                    throw ProviderException.unavailable("Could not refresh the token of connection '" + connection.id() + "' ("
                            + error + "); try again in " + Math.max(1, retryAfter.toSeconds()) + " s.", retryAfter);
                }
                return connection;
            }
        }
    }
}
