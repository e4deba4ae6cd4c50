package dev.latchkey.domain.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A call an agent may not make under its workspace's {@link AgentGuardrails}. */
public final class AgentRefusedException extends RuntimeException {
    public enum Reason {
        /** The connector is not among those the workspace lets agents use. */
        CONNECTOR_NOT_ALLOWED("agent_connector_not_allowed"),
        /** A declared action that is not among those the workspace lets agents use. */
        ACTION_NOT_ALLOWED("agent_action_not_allowed"),
        /** A method other than GET or HEAD while the workspace keeps agents read-only. */
        READ_ONLY("agent_read_only"),
        /** The linked account's calls this minute are used up. */
        BUDGET_EXCEEDED("agent_budget_exceeded");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final Optional<Duration> retryAfter;

    public AgentRefusedException(Reason reason, String message, Optional<Duration> retryAfter) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    /** When the budget has room again (a budget refusal only). */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
