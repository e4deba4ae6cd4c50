package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.IdempotencyStorePort;
import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Keys by scope and key, with the store's rules (take-over of expired and abandoned rows, attempt-guarded writes). */
public final class InMemoryIdempotencyStore implements IdempotencyStorePort {
    private record Id(IdempotencyScope scope, IdempotencyKey key) {
    }

    private final Map<Id, IdempotentRequest> rows = new HashMap<>();

    @Override
    public synchronized boolean reserve(IdempotentRequest pending, Instant expiredBefore, Instant abandonedBefore) {
        Id id = new Id(pending.scope(), pending.key());
        IdempotentRequest existing = rows.get(id);
        if (existing == null || existing.createdAt().isBefore(expiredBefore)
                || existing.isPending() && existing.createdAt().isBefore(abandonedBefore)) {
            rows.put(id, pending);
            return true;
        }
        return false;
    }

    @Override
    public synchronized Optional<IdempotentRequest> find(IdempotencyScope scope, IdempotencyKey key, Instant expiredBefore) {
        return Optional.ofNullable(rows.get(new Id(scope, key))).filter(row -> !row.createdAt().isBefore(expiredBefore));
    }

    @Override
    public synchronized void record(IdempotentRequest held, RecordedResponse response) {
        rows.computeIfPresent(new Id(held.scope(), held.key()), (id, row) -> row.attempt().equals(held.attempt())
                ? new IdempotentRequest(row.scope(), row.key(), row.attempt(), row.fingerprint(), row.createdAt(), Optional.of(response))
                : row);
    }

    @Override
    public synchronized void release(IdempotentRequest held) {
        rows.computeIfPresent(new Id(held.scope(), held.key()),
                (id, row) -> row.attempt().equals(held.attempt()) && row.isPending() ? null : row);
    }

    @Override
    public synchronized int purgeCreatedBefore(Instant before) {
        int size = rows.size();
        rows.values().removeIf(row -> row.createdAt().isBefore(before));
        return size - rows.size();
    }

    public synchronized int size() {
        return rows.size();
    }
}
