package dev.latchkey.domain.connector;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
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

    /**
     * The origin ({@code https://host:port}) of a URL template's fixed part, when its scheme and host hold no
     * placeholder: where a consent page is, before the template is filled.
     */
    public Optional<String> origin() {
        try {
            int end = text.indexOf('/', text.indexOf("//") + 2);
            String head = end < 0 ? text : text.substring(0, end);
            if (head.contains("{")) {
                return Optional.empty();
            }
            URI uri = URI.create(head);
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty()
                    : Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
