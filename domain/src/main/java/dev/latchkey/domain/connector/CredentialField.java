package dev.latchkey.domain.connector;

import java.util.Objects;
import java.util.Optional;

/** A value the customer types to authenticate (an API key, an account SID); secret ones are never shown again. */
public record CredentialField(String name, String label, boolean secret, boolean required, Optional<String> helpText) {
    public CredentialField {
        Names.requireName(name);
        Names.requireText(label, "label");
        Objects.requireNonNull(helpText, "helpText");
    }
}
