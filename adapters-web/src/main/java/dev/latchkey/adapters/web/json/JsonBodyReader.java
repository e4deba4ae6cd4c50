package dev.latchkey.adapters.web.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.latchkey.domain.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;

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
        try {
            return JsonBody.of(mapper.readValue(raw, JsonNode.class), mapper, knownFields);
        } catch (IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON");
        }
    }
}
