package dev.latchkey.application.port.in;

import java.util.function.BooleanSupplier;

/** Sends the deliveries that are due; safe to run on several instances at once. */
public interface DispatchWebhooksUseCase {
    /**
     * Sends one batch of due deliveries. Once {@code stopping} says so (the service is shutting down),
     * the deliveries claimed but not sent yet are given back, due at once for another instance, instead
     * of waiting out their lease.
     *
     * @return how many deliveries were claimed
     */
    int dispatchDue(BooleanSupplier stopping);

    /** {@link #dispatchDue(BooleanSupplier)} without stopping early. */
    default int dispatchDue() {
        return dispatchDue(() -> false);
    }
}
