package dev.latchkey.domain.branding;

import java.util.Arrays;
import java.util.Locale;

/** Light, dark, or following the customer's system setting. */
public enum Theme {
    LIGHT, DARK, AUTO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Theme parse(String text) {
        return Arrays.stream(values()).filter(t -> t.label().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be light, dark or auto"));
    }
}
