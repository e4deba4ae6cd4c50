package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookSecret;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records every send and answers with scripted outcomes (200 when none is left); refuses the URLs it is told to. */
public final class RecordingWebhookSender implements WebhookSenderPort {
    public record Sent(URI url, Event event, WebhookSecret secret, Instant timestamp) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();
    private final Map<String, String> refusals = new HashMap<>();

    /** The next sends answer these outcomes, in order; a RuntimeException in the script is thrown instead. */
    public synchronized RecordingWebhookSender answer(Object... outcomes) {
        for (Object outcome : outcomes) {
            script.add(outcome);
        }
        return this;
    }

    public synchronized RecordingWebhookSender refuseHost(String host, String why) {
        refusals.put(host, why);
        return this;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public synchronized Outcome send(URI url, Event event, WebhookSecret secret, Instant timestamp) {
        sent.add(new Sent(url, event, secret, timestamp));
        Object next = script.isEmpty() ? Outcome.answered(200) : script.poll();
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return (Outcome) next;
    }

    @Override
    public synchronized Optional<String> refusal(URI url) {
        return Optional.ofNullable(refusals.get(url.getHost()));
    }
}
