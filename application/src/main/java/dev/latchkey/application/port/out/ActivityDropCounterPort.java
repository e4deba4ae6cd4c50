package dev.latchkey.application.port.out;

/**
 * How many activity records a recorder dropped because its queue was full (the activity log drops
 * rather than slow a request). Read by the metrics; an implementation answers from memory, at once.
 */
public interface ActivityDropCounterPort {
    /** Records dropped since start, never decreasing. */
    long droppedActivities();
}
