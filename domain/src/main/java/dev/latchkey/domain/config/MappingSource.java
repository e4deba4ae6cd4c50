package dev.latchkey.domain.config;

/** The company's side of a mapping: one of its own fields ({@code customer_tier}) that the customer maps to a value of the app. */
public record MappingSource(String key, String label) {
    public MappingSource {
        Texts.requireKey(key, "key");
        Texts.require(label, "label", Texts.LABEL_LENGTH);
    }
}
