package dev.latchkey.domain.config;

import dev.latchkey.domain.InvalidValueException;

import java.util.Objects;
import java.util.Optional;

/**
 * One question the company asks a customer about a connected app, such as "Which channel?".
 *
 * @param defaultValue the value a read shows while none is stored; null when there is none (checked against the field when read)
 * @param hidden       not shown in the portal; its value is set by the company's backend
 * @param secret       stored encrypted, returned as {@value #MASK}; text and textarea only
 * @param section      the group (page) the portal shows it in; fields without one form the unnamed section
 */
public record ConfigField(String key, String label, FieldKind kind, boolean required, Object defaultValue, Optional<String> helpText,
                          Optional<String> placeholder, boolean hidden, boolean secret, Optional<String> section,
                          Optional<DependsOn> dependsOn) {
    /** What a read shows instead of a stored secret, and what a save may send back to keep it. */
    public static final String MASK = "********";
    static final int HELP_LENGTH = 2000;
    static final int SECTION_LENGTH = 100;

    public ConfigField {
        Texts.requireKey(key, "key");
        Texts.require(label, "label", Texts.LABEL_LENGTH);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(helpText, "helpText");
        Objects.requireNonNull(placeholder, "placeholder");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(dependsOn, "dependsOn");
        helpText.ifPresent(t -> Texts.require(t, "help_text", HELP_LENGTH));
        placeholder.ifPresent(t -> Texts.require(t, "placeholder", Texts.LABEL_LENGTH));
        section.ifPresent(t -> Texts.require(t, "section", SECTION_LENGTH));
        if (secret && !(kind instanceof FieldKind.Text)) {
            throw new InvalidValueException("secret", "secret applies to text and textarea fields only");
        }
        if (secret && defaultValue != null) {
            throw new InvalidValueException("default", "default is not allowed on a secret field: every customer could read it");
        }
        if (dependsOn.isPresent() && dependsOn.get().field().equals(key)) {
            throw new InvalidValueException("depends_on", "depends_on must name another field");
        }
        if (defaultValue != null) {
            var problems = ConfigValidation.problems(kind, defaultValue);
            if (!problems.isEmpty()) {
                throw new InvalidValueException("default", "default " + problems.get(0).message());
            }
        }
    }

    public Optional<Object> defaultOptional() {
        return Optional.ofNullable(defaultValue);
    }

    @Override
    public String toString() {
        return "ConfigField[" + key + ": " + kind.type() + (secret ? ", secret" : "") + "]";
    }
}
