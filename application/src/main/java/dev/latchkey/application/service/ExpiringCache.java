package dev.latchkey.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small, bounded cache whose entries live for a fixed time, for lookups on the proxy's hot path
 * that may be a little stale (an API key's workspace, a parsed connector definition). When full, it
 * is cleared rather than evicting one by one: simple, and a full clear costs one lookup per key.
 */
final class ExpiringCache<K, V> {
    private record Entry<V>(V value, Instant expiresAt, Instant renewFrom, AtomicBoolean renewing) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final int maxEntries;
    private final Clock clock;

    ExpiringCache(Duration lifetime, int maxEntries, Clock clock) {
        this.lifetime = lifetime;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<V> peek(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && clock.instant().isBefore(entry.expiresAt()) ? Optional.of(entry.value()) : Optional.empty();
    }

    /** True once per entry, for the first caller that finds it in the last quarter of its lifetime: time to look it up again. */
    boolean claimRenewal(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && !clock.instant().isBefore(entry.renewFrom()) && entry.renewing().compareAndSet(false, true);
    }

    void remove(K key) {
        entries.remove(key);
    }

    void put(K key, V value) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Instant now = clock.instant();
        entries.put(key, new Entry<>(value, now.plus(lifetime), now.plus(lifetime.minus(lifetime.dividedBy(4))), new AtomicBoolean()));
    }
}
