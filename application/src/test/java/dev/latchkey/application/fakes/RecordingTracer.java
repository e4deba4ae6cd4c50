package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.TraceSpan;
import dev.latchkey.application.port.out.TracerPort;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tracer that keeps the spans it opened: their names, attributes, failure and whether they were closed. */
public final class RecordingTracer implements TracerPort {
    private final List<Recorded> spans = Collections.synchronizedList(new ArrayList<>());

    public static final class Recorded extends TraceSpan {
        private final String name;
        private final Map<String, String> attributes;
        private Optional<String> failure = Optional.empty();
        private boolean closed;

        Recorded(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = new LinkedHashMap<>(attributes);
        }

        @Override
        public void attribute(String key, String value) {
            attributes.put(key, value);
        }

        @Override
        public void attribute(String key, long value) {
            attributes.put(key, String.valueOf(value));
        }

        @Override
        public void failed(String code) {
            failure = Optional.of(code);
        }

        @Override
        public void close() {
            closed = true;
        }

        public String name() {
            return name;
        }

        public Map<String, String> attributes() {
            return attributes;
        }

        public Optional<String> failure() {
            return failure;
        }

        public boolean closed() {
            return closed;
        }
    }

    @Override
    public TraceSpan start(String name, Map<String, String> attributes) {
        Recorded span = new Recorded(name, attributes);
        spans.add(span);
        return span;
    }

    public List<Recorded> spans() {
        return List.copyOf(spans);
    }
}
