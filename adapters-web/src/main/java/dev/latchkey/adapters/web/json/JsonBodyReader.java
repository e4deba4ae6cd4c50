package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;

/**
 * Reads every JSON request body: first {@link StrictJson} (exactly one value; no empty or repeated
 * key and no unstorable text, at any depth), then a {@link JsonBody} for the fields, or plain maps
 * for a document checked elsewhere. Every endpoint that takes JSON goes through here, so the rules
 * hold for each of them without a line in the controller.
 */
@Singleton
public class JsonBodyReader {
    private final JsonMapper mapper;

    public JsonBodyReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A body of known fields. The strict rules' problems are reported with the fields' own problems,
     * in one answer, when {@link JsonBody#validate()} is called.
     */
    public JsonBody read(@Nullable String raw, String... knownFields) {
        StrictJson.Problems problems = StrictJson.check(raw);
        try {
            return JsonBody.of(mapper.readValue(raw, JsonNode.class), mapper, problems, knownFields);
        } catch (IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON");
        }
    }

    /** The body as plain maps and lists, for documents checked elsewhere (a connector definition); the strict rules' problems are thrown first. */
    public Map<String, Object> readObject(@Nullable String raw) {
        StrictJson.Problems problems = StrictJson.check(raw);
        if (!raw.strip().startsWith("{")) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.violations());
        }
        try {
            return mapper.readValue(raw, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON");
        }
    }
}
