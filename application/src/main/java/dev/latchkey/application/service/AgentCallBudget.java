package dev.latchkey.application.service;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Each linked account's agent calls in the current minute, counted in this instance's memory: a minute
 * starts with an account's first call and admits {@code limit} calls. Behind a load balancer with N
 * instances an account may make up to N times the budget (README, "MCP server for AI agents").
 */
public final class AgentCallBudget {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ACCOUNTS = 100_000;

    private record Key(WorkspaceId workspace, LinkedAccountId account) {
    }

    private record Window(Instant start, int used) {
    }

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    public AgentCallBudget(Clock clock) {
        this.clock = clock;
    }

    /** Takes one call from the account's budget; when none is left, how long until there is. */
    Optional<Duration> take(WorkspaceId workspace, LinkedAccountId account, int limit) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_ACCOUNTS) {
            windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(WINDOW)));
        }
        AtomicReference<Duration> refused = new AtomicReference<>();
        windows.compute(new Key(workspace, account), (key, window) -> {
            if (window == null || !now.isBefore(window.start().plus(WINDOW))) {
                return new Window(now, 1);
            }
            if (window.used() >= limit) {
                refused.set(Duration.between(now, window.start().plus(WINDOW)));
                return window;
            }
            return new Window(window.start(), window.used() + 1);
        });
        return Optional.ofNullable(refused.get());
    }
}
