package dev.latchkey.application.port.in;

/** Keeps the activity log's days ready ahead and forgets the days past the retention. */
public interface MaintainActivityLogUseCase {
    /** @return how many days of records were dropped */
    int maintain();
}
