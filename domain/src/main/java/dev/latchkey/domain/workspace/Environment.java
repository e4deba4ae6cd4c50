package dev.latchkey.domain.workspace;

import java.util.Arrays;
import java.util.Locale;

/** Whether a workspace serves a company's tests or its live customers; its API keys say which. */
public enum Environment {
    TEST("lk_test_"),
    LIVE("lk_live_");

    private final String keyPrefix;

    Environment(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Environment parse(String text) {
        return Arrays.stream(values())
                .filter(e -> e.label().equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be \"test\" or \"live\""));
    }
}
