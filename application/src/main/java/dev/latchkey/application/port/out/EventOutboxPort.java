package dev.latchkey.application.port.out;

import dev.latchkey.domain.event.Event;

/**
 * The transactional outbox of webhook events. Call it inside the transaction of the change that
 * caused the event: the event is stored exactly when the change is. Delivery happens later.
 */
public interface EventOutboxPort {
    void append(Event event);
}
