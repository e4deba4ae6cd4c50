package dev.latchkey.adapters.web.request;

import dev.latchkey.application.port.in.RequestIds;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;

/**
 * A request's id as {@link RequestIds}' current one on every thread Micronaut serves the request on, so
 * what a use case records deep down (a refresh the access-token endpoint made) carries the id the caller
 * was answered; taken off again when the thread is done with the request.
 */
record RequestIdContext(String requestId) implements ThreadPropagatedContextElement<String> {
    @Override
    public String updateThreadContext() {
        return RequestIds.enter(requestId);
    }

    @Override
    public void restoreThreadContext(String outer) {
        RequestIds.restore(outer);
    }
}
