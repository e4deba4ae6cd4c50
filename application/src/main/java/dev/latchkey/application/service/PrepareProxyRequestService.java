package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.in.RefreshTokenUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.DatabaseUnavailableException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.RefreshInProgressException;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.credential.TokenFingerprint;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

public final class PrepareProxyRequestService implements PrepareProxyRequestUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final GetConnectorUseCase connectors;
    private final RefreshTokenUseCase refresh;
    private final ProviderHttpPort http;
    private final AuthSchemes schemes;
    private final RememberedTargets remembered;
    private final Executor renewals;

    /** @param renewals where a remembered target is prepared again in the background shortly before it runs out */
    public PrepareProxyRequestService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                                      RefreshTokenUseCase refresh, ProviderHttpPort http, List<AuthSchemePort> schemes,
                                      RememberedTargets remembered, Executor renewals) {
        this.remembered = remembered;
        this.renewals = renewals;
        this.accounts = accounts;
        this.connections = connections;
        this.connectors = connectors;
        this.refresh = refresh;
        this.http = http;
        this.schemes = new AuthSchemes(schemes);
    }

    @Override
    public Optional<ProxyTarget> remembered(PrepareProxyRequestCommand command) {
        RememberedTargets.Key key = key(command);
        if (command.rejected().isPresent()) {
            return newerThan(command.rejected().get(), key);
        }
        return recall(command, key);
    }

    /**
     * What was remembered for the key. In the last quarter of its lifetime, the first request to see it
     * also has it prepared again in the background, so under steady traffic no request waits for the
     * database when it runs out. When the database cannot be reached for that, the target is kept a
     * while longer (never past its token's expiry): a database blip does not stop calls to providers.
     */
    private Optional<ProxyTarget> recall(PrepareProxyRequestCommand command, RememberedTargets.Key key) {
        Optional<ProxyTarget> known = remembered.recall(key);
        if (known.isPresent() && remembered.claimRenewal(key)) {
            renewals.execute(() -> {
                try {
                    prepareNow(command, key);
                } catch (DatabaseUnavailableException e) {
                    remembered.duringOutage(key);
                } catch (RuntimeException e) {
                    // The remembered target runs out as it would have; the next request prepares and answers the problem.
                }
            });
        }
        return known;
    }

    /** A target remembered here that is signed with another token than the rejected one: another request replaced it already. */
    private Optional<ProxyTarget> newerThan(ProxyTarget rejected, RememberedTargets.Key key) {
        return remembered.recall(key).filter(known -> !known.token().equals(rejected.token()));
    }

    @Override
    public ProxyTarget prepare(PrepareProxyRequestCommand command) {
        RememberedTargets.Key key = key(command);
        if (command.rejected().isPresent()) {
            ProxyTarget rejected = command.rejected().get();
            Optional<ProxyTarget> newer = newerThan(rejected, key);
            if (newer.isPresent()) {
                return newer.get();
            }
            remembered.forget(key, rejected);
            // The requests in flight with one token all get their 401 at about once: one of them has the
            // token replaced (or finds it replaced), the others wait for its result.
            return remembered.once(new RememberedTargets.Replacing(key, rejected.token()), () -> prepareNow(command, key));
        }
        Optional<ProxyTarget> known = recall(command, key);
        if (known.isPresent()) {
            return known.get();
        }
        // When a remembered target runs out under load, every request in flight misses at once: one
        // of them prepares, the others wait for its result instead of each reading the database.
        try {
            return remembered.once(key, () -> prepareNow(command, key));
        } catch (DatabaseUnavailableException e) {
            return remembered.duringOutage(key).orElseThrow(() -> e);
        }
    }

    private ProxyTarget prepareNow(PrepareProxyRequestCommand command, RememberedTargets.Key key) {
        long preparedAt = remembered.begin();
        LinkedAccount account = accounts.find(command.workspaceId(), command.accountId())
                .orElseThrow(() -> LinkedAccountErrors.notFound(command.accountId()));
        Connection chosen = choose(command, account);
        if (chosen.status() != ConnectionStatus.ACTIVE) {
            throw expired(chosen);
        }
        ConnectorView view = connectorOf(chosen);
        Optional<TokenFingerprint> rejected = command.rejected().flatMap(ProxyTarget::token);
        Connection connection = rejected.isPresent() ? refresh.replacing(chosen, rejected.get()) : refresh.fresh(chosen);
        if (connection != chosen) {
            preparedAt = remembered.begin(); // refreshed under the row's lock just now: newer than anything before this moment
        }
        AuthMethod method = view.definition().authMethod(connection.authType())
                .orElseThrow(() -> new ConflictException("connection_outdated", "The connector no longer offers the auth type '"
                        + connection.authType() + "' of this connection; the customer must reconnect."));
        for (ConnectorParam param : view.definition().params()) {
            String value = connection.params().get(param.name());
            if (value != null && !param.accepts(value)) {
                throw new ConflictException("connection_outdated", "The connection's " + param.label()
                        + " no longer has the form the connector requires; the customer must reconnect.");
            }
        }
        URI base = baseUrl(view, connection);
        List<InetAddress> addresses = http.checkDestination(base);
        AuthSchemePort scheme = schemes.get(method.type());
        AuthSchemePort.Context context = new AuthSchemePort.Context(view.definition(), method, connection.params(), view.settings().client());
        Credentials credentials = connection.credentials();
        SchemeSigner signer = new SchemeSigner(scheme, context, credentials);
        Optional<AccessToken> token = credentials.token();
        ProxyTarget target = new ProxyTarget(connection.id(), base, addresses, view.definition().apiHeaders(), Map.of(),
                token.map(AccessToken::fingerprint), view.definition().propagateTrace(), signer,
                view.capabilities(method.type()).signsBody(), view.definition().rateLimit());
        remembered.remember(key, target, preparedAt, refresh.refreshDueAt(connection), token.flatMap(AccessToken::expiresAt));
        return target;
    }

    /** The connection's connector; {@code connector_removed} when its definition is gone (a file removed from the catalog). */
    private ConnectorView connectorOf(Connection connection) {
        try {
            return connectors.get(connection.workspaceId(), connection.connector());
        } catch (NotFoundException e) {
            if (!e.code().equals("connector_not_found")) {
                throw e;
            }
            throw ConnectorErrors.connectorRemoved(connection);
        }
    }

    private static RememberedTargets.Key key(PrepareProxyRequestCommand command) {
        return new RememberedTargets.Key(command.workspaceId(), command.accountId(), command.connector(), command.connectionId());
    }

    private Connection choose(PrepareProxyRequestCommand command, LinkedAccount account) {
        List<Connection> candidates = connections.listByAccount(command.workspaceId(), account.key(), command.connector());
        if (command.connectionId().isPresent()) {
            return candidates.stream().filter(c -> c.id().equals(command.connectionId().get())).findFirst()
                    .orElseThrow(() -> ConnectorErrors.connectionNotFound(command.connectionId().get()));
        }
        if (candidates.isEmpty()) {
            throw new dev.latchkey.domain.NotFoundException("connection_not_found",
                    "Linked account '" + command.accountId() + "' has no connection to " + command.connector() + ".");
        }
        if (candidates.size() > 1) {
            throw new ConflictException("connection_ambiguous", "Linked account '" + command.accountId() + "' has "
                    + candidates.size() + " connections to " + command.connector() + "; name one with X-Connection-Id: "
                    + candidates.stream().map(c -> c.id().toString()).collect(Collectors.joining(", ")));
        }
        return candidates.get(0);
    }

    private static URI baseUrl(ConnectorView view, Connection connection) {
        String filled = view.definition().baseUrl().fill(connection.templateValues());
        try {
            URI uri = new URI(filled.endsWith("/") ? filled.substring(0, filled.length() - 1) : filled);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(filled, "not a base URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConflictException("connection_outdated", "The API address of this connection is not a valid URL; the customer must reconnect.");
        }
    }

    static ConflictException expired(Connection connection) {
        return new ConflictException("connection_expired", "This connection to " + connection.connector()
                + " has expired" + connection.lastError().map(e -> " (" + e + ")").orElse("") + "; the customer must reconnect.");
    }

    /**
     * Proxy targets prepared moments ago, so that a busy connection is not looked up, decrypted and signed
     * again for every request. An entry is used only while it is younger than its lifetime, its token is
     * not yet due for a refresh, and this instance has not changed the connection since the entry was
     * prepared (every write goes through {@link ChangeWatchingConnections}). A change made by another
     * instance is seen once the lifetime ends.
     *
     * <p>While the database cannot be reached, an entry that ran out is used {@linkplain #duringOutage
     * a while longer}: never past its token's expiry (credentials without one: {@link #OUTAGE_LIMIT} after
     * they were prepared), never after a change made here.
     */
    public static final class RememberedTargets {
        /** How long credentials without an expiry (keys, tokens without {@code expires_in}) are used while the database is unreachable. */
        static final Duration OUTAGE_LIMIT = Duration.ofMinutes(15);

        record Key(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector, Optional<ConnectionId> connectionId) {
        }

        /** A preparation after a 401 to the token with this fingerprint (none: a scheme without a token). */
        record Replacing(Key key, Optional<TokenFingerprint> rejected) {
        }

        /**
         * @param renewFrom when a background renewal may start; {@code renewing} once one has
         * @param lastResort until when it may serve while the database is unreachable: its token's expiry
         */
        private record Entry(ProxyTarget target, long preparedAt, Instant goodUntil, Optional<Instant> renewFrom, AtomicBoolean renewing,
                             Instant lastResort) {
        }

        private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
        /** Preparations under way, so that concurrent misses of one key share one. */
        private final Map<Object, CompletableFuture<ProxyTarget>> preparing = new ConcurrentHashMap<>();
        /** The sequence number of each connection's last change here. */
        private final Map<ConnectionId, Long> changes = new ConcurrentHashMap<>();
        private final AtomicLong sequence = new AtomicLong();
        private final Duration lifetime;
        private final int maxEntries;
        private final Clock clock;
        private final Duration wait;

        /** @param lifetime how long a target may be used; zero remembers nothing */
        public RememberedTargets(Duration lifetime, int maxEntries, Clock clock) {
            this(lifetime, maxEntries, clock, RefreshTokenService.DEFAULT_WAIT);
        }

        /**
         * @param lifetime how long a target may be used; zero remembers nothing
         * @param wait     how long a request waits for another's preparation of the same target (which may be
         *                 refreshing its token) before it is told to try again
         */
        public RememberedTargets(Duration lifetime, int maxEntries, Clock clock, Duration wait) {
            this.lifetime = lifetime;
            this.maxEntries = maxEntries;
            this.clock = clock;
            this.wait = wait;
        }

        /** The store every service should use: its writes make the remembered targets of a connection stale. */
        public ConnectionStorePort watching(ConnectionStorePort store) {
            return new ChangeWatchingConnections(store, this);
        }

        /** Taken before reading the connection: a change after it makes what is read not worth keeping. */
        long begin() {
            return sequence.incrementAndGet();
        }

        Optional<ProxyTarget> recall(Key key) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (changedSince(entry.target().connectionId(), entry.preparedAt()) || !now.isBefore(entry.lastResort())) {
                entries.remove(key, entry);
                return Optional.empty();
            }
            if (!now.isBefore(entry.goodUntil())) {
                return Optional.empty(); // kept, for while the database cannot be reached
            }
            return Optional.of(entry.target());
        }

        /**
         * The database could not be reached to prepare the key again: the target that ran out, if its token
         * is still valid and nothing changed it here, remembered for one more lifetime (at most until its
         * token expires), so the next requests use it without trying the database.
         */
        Optional<ProxyTarget> duringOutage(Key key) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (changedSince(entry.target().connectionId(), entry.preparedAt()) || !now.isBefore(entry.lastResort())) {
                entries.remove(key, entry);
                return Optional.empty();
            }
            Instant goodUntil = now.plus(lifetime).isBefore(entry.lastResort()) ? now.plus(lifetime) : entry.lastResort();
            Optional<Instant> renewFrom = Optional.of(goodUntil.minus(lifetime.dividedBy(4))).filter(now::isBefore);
            entries.replace(key, entry, new Entry(entry.target(), entry.preparedAt(), goodUntil, renewFrom, new AtomicBoolean(),
                    entry.lastResort()));
            return Optional.of(entry.target());
        }

        void remember(Key key, ProxyTarget target, long preparedAt, Optional<Instant> refreshDueAt, Optional<Instant> tokenExpiresAt) {
            if (lifetime.isZero() || changedSince(target.connectionId(), preparedAt)) {
                return;
            }
            Instant now = clock.instant();
            Instant goodUntil = now.plus(lifetime);
            // Renewed ahead only when it runs out by age: one that runs out because its token is due is
            // refreshed by the request that finds it so (or, earlier, by the background refresher).
            Optional<Instant> renewFrom = Optional.of(goodUntil.minus(lifetime.dividedBy(4)));
            if (refreshDueAt.isPresent() && refreshDueAt.get().isBefore(goodUntil)) {
                goodUntil = refreshDueAt.get();
                renewFrom = Optional.empty();
            }
            Instant lastResort = tokenExpiresAt.orElse(now.plus(OUTAGE_LIMIT));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry(target, preparedAt, goodUntil, renewFrom, new AtomicBoolean(), lastResort));
        }

        /** True once per entry, for the first caller that finds it in the last quarter of its lifetime. */
        boolean claimRenewal(Key key) {
            Entry entry = entries.get(key);
            return entry != null && entry.renewFrom().isPresent() && !clock.instant().isBefore(entry.renewFrom().get())
                    && entry.renewing().compareAndSet(false, true);
        }

        /**
         * Runs {@code preparation} unless one for the same key is under way; then waits for that one's
         * result — at most the configured wait, then {@link RefreshInProgressException}.
         */
        ProxyTarget once(Object key, Supplier<ProxyTarget> preparation) {
            CompletableFuture<ProxyTarget> mine = new CompletableFuture<>();
            CompletableFuture<ProxyTarget> running = preparing.putIfAbsent(key, mine);
            if (running != null) {
                try {
                    return running.get(wait.toNanos(), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : new CompletionException(e.getCause());
                } catch (TimeoutException e) {
                    throw new RefreshInProgressException(wait, RefreshTokenService.IN_PROGRESS_RETRY_AFTER);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RefreshInProgressException(wait, RefreshTokenService.IN_PROGRESS_RETRY_AFTER);
                }
            }
            try {
                ProxyTarget target = preparation.get();
                mine.complete(target);
                return target;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                preparing.remove(key, mine);
            }
        }

        /** Forgets the key's target if it is signed with the same token as {@code rejected} (the provider refused that token). */
        void forget(Key key, ProxyTarget rejected) {
            entries.computeIfPresent(key, (k, entry) -> entry.target().token().equals(rejected.token()) ? null : entry);
        }

        /** The connection was written or deleted here: no entry prepared before now is used again. */
        void changed(ConnectionId id) {
            long now = sequence.incrementAndGet();
            if (changes.size() >= maxEntries) {
                // Entries would outlive the changes that invalidate them: drop both.
                changes.clear();
                entries.clear();
            }
            changes.put(id, now);
        }

        private boolean changedSince(ConnectionId id, long preparedAt) {
            Long changedAt = changes.get(id);
            return changedAt != null && changedAt > preparedAt;
        }
    }

    /** The connection's scheme signing each request; equal for equal credentials, so a target prepared again equals the last. */
    private record SchemeSigner(AuthSchemePort scheme, AuthSchemePort.Context context, Credentials credentials)
            implements java.util.function.Function<ProxyTarget.Outgoing, ProxyTarget.Authentication> {
        @Override
        public ProxyTarget.Authentication apply(ProxyTarget.Outgoing request) {
            AuthSchemePort.Signature signature = scheme.sign(context, credentials, new AuthSchemePort.OutboundRequest(request.method(),
                    request.uri(), request.headers(), request.body().map(AuthSchemePort.Body::new)));
            return new ProxyTarget.Authentication(signature.headers(), signature.queryParameters());
        }

        @Override
        public String toString() {
            return "SchemeSigner[" + scheme.type() + "]";
        }
    }
}
