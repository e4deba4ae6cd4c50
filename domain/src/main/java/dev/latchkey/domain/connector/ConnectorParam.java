package dev.latchkey.domain.connector;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value the customer gives when connecting (a subdomain, a shop name). It reaches a URL only
 * after it matched its pattern in full.
 */
public record ConnectorParam(String name, String label, Pattern pattern, boolean required, Optional<String> helpText) {
    public ConnectorParam {
        Names.requireName(name);
        Names.requireText(label, "label");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(helpText, "helpText");
    }

    public boolean accepts(String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
