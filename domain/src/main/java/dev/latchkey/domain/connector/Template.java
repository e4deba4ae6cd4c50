package dev.latchkey.domain.connector;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {name}} placeholders, such as {@code https://{subdomain}.zendesk.com/api/v2}
 * or {@code Bearer {api_key}}. Filling a placeholder with no value is an error, never an empty string.
 */
public record Template(String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9_]*)}");

    public Template {
        if (text == null) {
            throw new IllegalArgumentException("must be given");
        }
        String stripped = PLACEHOLDER.matcher(text).replaceAll("");
        if (stripped.contains("{") || stripped.contains("}")) {
            throw new IllegalArgumentException("has an unbalanced or malformed {placeholder}: " + text);
        }
    }

    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public String fill(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
