package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.domain.event.Event;

import java.util.ArrayList;
import java.util.List;

/** The events appended, in order; fails a test that appends outside a transaction when given the transactions. */
public final class InMemoryEventOutbox implements EventOutboxPort {
    private final List<Event> events = new ArrayList<>();
    private final InMemoryTransactions transactions;

    public InMemoryEventOutbox(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void append(Event event) {
        if (!transactions.isActive()) {
            throw new IllegalStateException("an event must be appended inside the transaction of its change");
        }
        events.add(event);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
