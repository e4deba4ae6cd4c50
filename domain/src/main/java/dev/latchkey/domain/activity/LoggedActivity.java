package dev.latchkey.domain.activity;

import java.util.Objects;

/** An activity record as the activity log keeps it: with the id it is found by. */
public record LoggedActivity(ActivityId id, Activity activity) {
    public LoggedActivity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(activity, "activity");
    }
}
