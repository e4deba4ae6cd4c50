package dev.latchkey.application.port.in;

/** Sends the deliveries that are due; safe to run on several instances at once. */
public interface DispatchWebhooksUseCase {
    /** Returns how many deliveries were attempted. */
    int dispatchDue();
}
