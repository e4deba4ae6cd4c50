package dev.latchkey.domain.config;

/** One choice of a select, multi-select or mapping: what the customer sees and the value stored. */
public record ConfigOption(String label, String value) {
    static final int MAX_LENGTH = 500;

    public ConfigOption {
        Texts.require(label, "label", MAX_LENGTH);
        Texts.require(value, "value", MAX_LENGTH);
    }
}
