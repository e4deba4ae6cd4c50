package dev.latchkey.adapters.web.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.StorableText;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules every JSON request body keeps, at any depth, before any field of it is read:
 * <ul>
 *   <li>exactly one JSON value, nothing after it ({@code {"id":"a"}}} is refused, not half-read);</li>
 *   <li>no empty (or blank) key and no key twice in one object (a parser would keep one of the two silently);</li>
 *   <li>no string or key that cannot be stored ({@link StorableText}: U+0000, a lone surrogate).</li>
 * </ul>
 * Broken syntax is refused at once; the other problems are all collected, each under the path of
 * its field ({@code metadata.plan}, {@code scopes[2]}), so the caller can fix them in one go.
 */
final class StrictJson {
    /** Enough to fix a body by; a body of thousands of bad strings is not answered with thousands of errors. */
    static final int MAX_VIOLATIONS = 50;
    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * What is wrong with a syntactically valid body.
     *
     * @param violations every problem, by field path
     * @param refusedKeys the top-level keys a problem was found in or under, whose values are not to be read
     */
    record Problems(List<FieldViolation> violations, Set<String> refusedKeys) {
        boolean isEmpty() {
            return violations.isEmpty();
        }
    }

    private final List<FieldViolation> violations = new ArrayList<>();
    private final Set<String> refusedKeys = new LinkedHashSet<>();

    private StrictJson() {
    }

    /**
     * Checks {@code raw}: broken syntax, an empty body or content after the value throw
     * {@link InvalidInputException} at once; everything else is returned.
     */
    static Problems check(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidInputException.of("body", "is required: send a JSON object");
        }
        StrictJson check = new StrictJson();
        try (JsonParser parser = FACTORY.createParser(raw)) {
            parser.nextToken();
            check.value(parser, "", null);
            if (parser.nextToken() != null) {
                throw InvalidInputException.of("body", "has content after the JSON value; send exactly one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("body", "is not valid JSON: " + StorableText.printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw InvalidInputException.of("body", "could not be read");
        }
        return new Problems(List.copyOf(check.violations), Set.copyOf(check.refusedKeys));
    }

    /** Walks the value the parser is on, and all it holds; {@code top} is the top-level key it is under (null for the body). */
    private void value(JsonParser parser, String path, @Nullable String top) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String child = path.isEmpty() ? StorableText.fieldName(key) : path + "." + StorableText.fieldName(key);
                String childTop = top == null ? key : top;
                if (key.isBlank()) {
                    refuse(path.isEmpty() ? "body" : path, childTop, "has an empty or blank key (\"" + StorableText.printable(key)
                            + "\"); every key needs a name");
                } else if (!seen.add(key)) {
                    refuse(child, childTop, "is sent more than once; send each key once");
                }
                StorableText.problem(key).ifPresent(problem -> refuse(child, childTop, "is a key that " + problem));
                parser.nextToken();
                value(parser, child, childTop);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                value(parser, (path.isEmpty() ? "body" : path) + "[" + index++ + "]", top);
            }
        } else if (token == JsonToken.VALUE_STRING) {
            StorableText.problem(parser.getText()).ifPresent(problem -> refuse(path.isEmpty() ? "body" : path, top, problem));
        }
    }

    private void refuse(String field, @Nullable String top, String message) {
        if (top != null) {
            refusedKeys.add(top);
        }
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(new FieldViolation(field, message));
        }
    }
}
