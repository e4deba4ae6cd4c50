package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.domain.event.Event;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the webhooks' outbox adapter until it exists ({@code @Secondary}: the real adapter wins
 * once it is on the class path). Records events in memory, ignoring transactions.
 */
@Singleton
@Secondary
public class RecordingEventOutbox implements EventOutboxPort {
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void append(Event event) {
        events.add(event);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }
}
