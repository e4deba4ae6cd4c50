package dev.latchkey.adapters.persistence.json;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Values of jsonb columns to and from their JSON text. Not for secrets (parse errors may quote the text). */
@Singleton
public class JsonColumns {
    private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);
    private static final Argument<Map<String, String>> STRING_MAP = Argument.mapOf(String.class, String.class);
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper mapper;

    public JsonColumns(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String strings(List<String> values) {
        return write(STRINGS, values);
    }

    public List<String> strings(String json) {
        return List.copyOf(read(json, STRINGS));
    }

    public String stringMap(Map<String, String> values) {
        return write(STRING_MAP, values);
    }

    public Map<String, String> stringMap(String json) {
        return Map.copyOf(read(json, STRING_MAP));
    }

    public String object(Map<String, Object> value) {
        return write(OBJECT, value);
    }

    public Map<String, Object> object(String json) {
        return read(json, OBJECT);
    }

    private <T> String write(Argument<T> type, T value) {
        try {
            return mapper.writeValueAsString(type, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a jsonb column", e);
        }
    }

    private <T> T read(String json, Argument<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a jsonb column does not hold the JSON expected", e);
        }
    }
}
