package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.domain.event.Event;

import java.util.ArrayList;
import java.util.List;

/** Keeps the appended events in order; refuses an append made outside a transaction when given one to watch. */
public final class InMemoryEventOutbox implements EventOutboxPort {
    private final List<Event> events = new ArrayList<>();
    private final InMemoryTransactions transactions;

    public InMemoryEventOutbox(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    public InMemoryEventOutbox() {
        this(null);
    }

    @Override
    public synchronized void append(Event event) {
        if (transactions != null && !transactions.isActive()) {
            throw new IllegalStateException("event " + event.type() + " appended outside a transaction");
        }
        events.add(event);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> types() {
        return events.stream().map(Event::type).toList();
    }
}
