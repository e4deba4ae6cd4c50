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
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
        return command.forceRefresh() ? Optional.empty() : recall(command, key(command));
    }

    /**
     * What was remembered for the key. In the last quarter of its lifetime, the first request to see it
     * also has it prepared again in the background, so under steady traffic no request waits for the
     * database when it runs out.
     */
    private Optional<ProxyTarget> recall(PrepareProxyRequestCommand command, RememberedTargets.Key key) {
        Optional<ProxyTarget> known = remembered.recall(key);
        if (known.isPresent() && remembered.claimRenewal(key)) {
            renewals.execute(() -> {
                try {
                    prepareNow(command, key);
                } catch (RuntimeException e) {
                    // The remembered target runs out as it would have; the next request prepares and answers the problem.
                }
            });
        }
        return known;
    }

    @Override
    public ProxyTarget prepare(PrepareProxyRequestCommand command) {
        RememberedTargets.Key key = key(command);
        if (command.forceRefresh()) {
            remembered.forget(key);
            return prepareNow(command, key);
        }
        Optional<ProxyTarget> known = recall(command, key);
        if (known.isPresent()) {
            return known.get();
        }
        // When a remembered target runs out under load, every request in flight misses at once: one
        // of them prepares, the others wait for its result instead of each reading the database.
        return remembered.once(key, () -> prepareNow(command, key));
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
        Connection connection = refresh.fresh(chosen, command.forceRefresh());
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
        AuthSchemePort.Signature signature = schemes.get(method.type()).sign(
                new AuthSchemePort.Context(view.definition(), method, connection.params(), view.settings().client()), connection.credentials());
        Map<String, String> headers = new HashMap<>(view.definition().apiHeaders());
        headers.putAll(signature.headers());
        ProxyTarget target = new ProxyTarget(connection.id(), base, addresses, headers, signature.queryParameters());
        remembered.remember(key, target, preparedAt, refresh.refreshDueAt(connection));
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
     */
    public static final class RememberedTargets {
        record Key(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector, Optional<ConnectionId> connectionId) {
        }

        /** @param renewFrom when a background renewal may start; {@code renewing} once one has */
        private record Entry(ProxyTarget target, long preparedAt, Instant goodUntil, Optional<Instant> renewFrom, AtomicBoolean renewing) {
        }

        private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
        /** Preparations under way, so that concurrent misses of one key share one. */
        private final Map<Key, CompletableFuture<ProxyTarget>> preparing = new ConcurrentHashMap<>();
        /** The sequence number of each connection's last change here. */
        private final Map<ConnectionId, Long> changes = new ConcurrentHashMap<>();
        private final AtomicLong sequence = new AtomicLong();
        private final Duration lifetime;
        private final int maxEntries;
        private final Clock clock;

        /** @param lifetime how long a target may be used; zero remembers nothing */
        public RememberedTargets(Duration lifetime, int maxEntries, Clock clock) {
            this.lifetime = lifetime;
            this.maxEntries = maxEntries;
            this.clock = clock;
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
            if (!clock.instant().isBefore(entry.goodUntil()) || changedSince(entry.target().connectionId(), entry.preparedAt())) {
                entries.remove(key, entry);
                return Optional.empty();
            }
            return Optional.of(entry.target());
        }

        void remember(Key key, ProxyTarget target, long preparedAt, Optional<Instant> refreshDueAt) {
            if (lifetime.isZero() || changedSince(target.connectionId(), preparedAt)) {
                return;
            }
            Instant goodUntil = clock.instant().plus(lifetime);
            // Renewed ahead only when it runs out by age: one that runs out because its token is due is
            // refreshed by the request that finds it so (or, earlier, by the background refresher).
            Optional<Instant> renewFrom = Optional.of(goodUntil.minus(lifetime.dividedBy(4)));
            if (refreshDueAt.isPresent() && refreshDueAt.get().isBefore(goodUntil)) {
                goodUntil = refreshDueAt.get();
                renewFrom = Optional.empty();
            }
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry(target, preparedAt, goodUntil, renewFrom, new AtomicBoolean()));
        }

        /** True once per entry, for the first caller that finds it in the last quarter of its lifetime. */
        boolean claimRenewal(Key key) {
            Entry entry = entries.get(key);
            return entry != null && entry.renewFrom().isPresent() && !clock.instant().isBefore(entry.renewFrom().get())
                    && entry.renewing().compareAndSet(false, true);
        }

        /** Runs {@code preparation} unless one for the same key is under way; then waits for that one's result. */
        ProxyTarget once(Key key, Supplier<ProxyTarget> preparation) {
            CompletableFuture<ProxyTarget> mine = new CompletableFuture<>();
            CompletableFuture<ProxyTarget> running = preparing.putIfAbsent(key, mine);
            if (running != null) {
                try {
                    return running.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
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

        void forget(Key key) {
            entries.remove(key);
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
}
