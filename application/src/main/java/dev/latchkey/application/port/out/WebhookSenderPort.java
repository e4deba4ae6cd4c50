package dev.latchkey.application.port.out;

import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookSecret;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one event to one endpoint, signed the Standard Webhooks way. Webhook URLs are outbound
 * requests like any other: the destination's resolved address is checked on every send.
 */
public interface WebhookSenderPort {
    /** Never throws for a failed delivery: the answer says what happened. */
    Outcome send(URI url, Event event, WebhookSecret secret, Instant timestamp);

    /** Whether Latchkey may send to this URL now; empty when it may, else why not (safe to show). */
    Optional<String> refusal(URI url);

    /**
     * The endpoint's status code, or the error when it could not be reached (or was refused).
     *
     * @param responseExcerpt the start of the endpoint's answer, secrets masked ({@code WebhookDelivery.excerpt})
     */
    record Outcome(Optional<Integer> status, Optional<String> error, Optional<String> responseExcerpt) {
        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(responseExcerpt, "responseExcerpt");
        }

        public static Outcome answered(int status) {
            return new Outcome(Optional.of(status), Optional.empty(), Optional.empty());
        }

        public static Outcome answered(int status, Optional<String> responseExcerpt) {
            return new Outcome(Optional.of(status), Optional.empty(), responseExcerpt);
        }

        public static Outcome unreachable(String error) {
            return new Outcome(Optional.empty(), Optional.of(error), Optional.empty());
        }

        public boolean delivered() {
            return status.filter(s -> s >= 200 && s < 300).isPresent();
        }
    }
}
