package dev.latchkey.adapters.web.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.latchkey.domain.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;

/**
 * Parses a request body strictly: exactly one JSON value, nothing after it ({@code {"id":"a"}}}
 * or two objects back to back are refused, not half-read), then hands it to a {@link JsonBody}.
 */
@Singleton
public class JsonBodyReader {
    private final JsonMapper mapper;
    private final JsonFactory factory = new JsonFactory();

    public JsonBodyReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public JsonBody read(@Nullable String raw, String... knownFields) {
        requireOneValue(raw);
        try {
            return JsonBody.of(mapper.readValue(raw, JsonNode.class), mapper, knownFields);
        } catch (IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON");
        }
    }

    /** The body as plain maps and lists, for documents checked elsewhere (a connector definition). */
    public Map<String, Object> readObject(@Nullable String raw) {
        requireOneValue(raw);
        if (!raw.strip().startsWith("{")) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        try {
            return mapper.readValue(raw, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON");
        }
    }

    private void requireOneValue(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidInputException.of("body", "is required: send a JSON object");
        }
        try (JsonParser parser = factory.createParser(raw)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw InvalidInputException.of("body", "has content after the JSON value; send exactly one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidInputException.of("body", "could not be read");
        }
    }
}
