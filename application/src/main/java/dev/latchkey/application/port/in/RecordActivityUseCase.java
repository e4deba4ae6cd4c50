package dev.latchkey.application.port.in;

import dev.latchkey.domain.activity.Activity;

/** Records what happened in a proxied call, a refresh or a webhook delivery; never throws, never blocks. */
public interface RecordActivityUseCase {
    void record(Activity activity);
}
