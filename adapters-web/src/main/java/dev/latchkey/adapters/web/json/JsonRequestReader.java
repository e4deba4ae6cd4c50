package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.StorableText;
import dev.latchkey.domain.Violations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds every {@link JsonRequest} body: first {@link StrictJson} (exactly one value; no empty, blank
 * or repeated key and no unstorable text, at any depth), then each field against its record
 * component's type, then the record's own {@link JsonRequest#validate rules}. Unknown fields are
 * refused with the list of known ones. Every problem of every stage is answered at once, as one
 * {@link InvalidInputException} (400 validation_failed); the controller only ever sees a valid record.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
public class JsonRequestReader<T extends JsonRequest> implements MessageBodyReader<T> {
    private final JsonMapper mapper;

    public JsonRequestReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Argument<T> type, @Nullable MediaType mediaType) {
        return JsonRequest.class.isAssignableFrom(type.getType());
    }

    @Override
    public T read(Argument<T> type, @Nullable MediaType mediaType, Headers httpHeaders, InputStream body) throws CodecException {
        try {
            return read(type.getType(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw InvalidInputException.of("body", "could not be read");
        }
    }

    /** Binds {@code raw} to the record {@code type}, or throws every problem found. */
    public <R extends JsonRequest> R read(Class<R> type, @Nullable String raw) {
        StrictJson.Problems problems = StrictJson.check(raw);
        JsonNode node;
        try {
            node = mapper.readValue(raw, JsonNode.class);
        } catch (IOException e) {
            throw InvalidInputException.of("body", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        Violations violations = new Violations();
        problems.violations().forEach(v -> violations.add(v.field(), v.message()));
        R request = bind(type, node, "", problems.refusedKeys(), violations);
        violations.throwIfAny();
        return request;
    }

    /**
     * The record {@code type} from the object {@code node}, its problems added under {@code prefix}
     * (empty for the body, "branding." for a nested request); the record's own rules run on it, and a
     * nested one's refusals are named by their full path.
     */
    private <R extends JsonRequest> R bind(Class<R> type, JsonNode node, String prefix, Set<String> refusedKeys, Violations violations) {
        BeanIntrospection<R> introspection = BeanIntrospection.getIntrospection(type);
        Argument<?>[] components = introspection.getConstructorArguments();
        List<String> known = Arrays.stream(components).map(c -> fieldName(c.getName())).toList();
        for (var entry : node.entries()) {
            if (!known.contains(entry.getKey()) && !refusedKeys.contains(entry.getKey())) {
                violations.add(prefix + StorableText.fieldName(entry.getKey()),
                        "is not a field of this request; known fields: " + String.join(", ", known));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String field = known.get(i);
            values[i] = refusedKeys.contains(field) ? null : value(prefix + field, node.get(field), components[i], violations);
        }
        R request = introspection.instantiate(false, values); // a required field left out is null here, and already reported
        if (prefix.isEmpty()) {
            request.validate(violations, mapper);
        } else {
            Violations own = new Violations();
            request.validate(own, mapper);
            try {
                own.throwIfAny();
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> violations.add(prefix + v.field(), v.message()));
            }
        }
        return request;
    }

    /** The value of one field, of its constructor argument's type; a wrong type or a missing required field is a violation and null. */
    private @Nullable Object value(String field, @Nullable JsonNode value, Argument<?> component, Violations violations) {
        if (value == null || value.isNull()) {
            if (!component.isDeclaredNullable()) {
                violations.add(field, "is required");
            }
            return null;
        }
        Class<?> raw = component.getType();
        if (JsonRequest.class.isAssignableFrom(raw)) {
            if (!value.isObject()) {
                return wrong(violations, field, "must be a JSON object");
            }
            return bind(raw.asSubclass(JsonRequest.class), value, field + ".", Set.of(), violations);
        }
        if (raw == String.class) {
            return value.isString() ? value.getStringValue() : wrong(violations, field, "must be a string");
        }
        if (raw == Long.class || raw == Integer.class) {
            if (!value.isNumber() || !isWhole(value)) {
                return wrong(violations, field, "must be a whole number");
            }
            if (raw == Integer.class && Math.abs(value.getDoubleValue()) > Integer.MAX_VALUE) {
                return wrong(violations, field, "is too large");
            }
            return raw == Long.class ? (Object) value.getLongValue() : (Object) value.getIntValue();
        }
        if (raw == Boolean.class) {
            return value.isBoolean() ? value.getBooleanValue() : wrong(violations, field, "must be true or false");
        }
        if (raw == List.class && elementType(component, 0) == String.class) {
            if (!value.isArray()) {
                return wrong(violations, field, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : value.values()) {
                if (!item.isString()) {
                    return wrong(violations, field, "must be a list of strings");
                }
                out.add(item.getStringValue());
            }
            return List.copyOf(out);
        }
        if (raw == Map.class && elementType(component, 1) == String.class) {
            if (!value.isObject()) {
                return wrong(violations, field, "must be an object of names to strings");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (var entry : value.entries()) {
                if (entry.getValue().isString()) {
                    out.put(entry.getKey(), entry.getValue().getStringValue());
                } else {
                    violations.add(field + "." + StorableText.fieldName(entry.getKey()), "must be a string");
                }
            }
            return out;
        }
        if (raw == Map.class) {
            if (!value.isObject()) {
                return wrong(violations, field, "must be a JSON object, e.g. {\"plan\": \"pro\"}");
            }
            try {
                return mapper.readValueFromTree(value, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(component + " has a type JsonRequestReader does not bind: " + component.getTypeString(true));
    }

    private static @Nullable Object wrong(Violations violations, String field, String message) {
        violations.add(field, message);
        return null;
    }

    private static @Nullable Class<?> elementType(Argument<?> component, int index) {
        Argument<?>[] parameters = component.getTypeParameters();
        return parameters.length > index ? parameters[index].getType() : null;
    }

    private static boolean isWhole(JsonNode value) {
        double d = value.getDoubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15;
    }

    /** The field's name on the wire: serde writes and the OpenAPI document names properties in snake_case. */
    static String fieldName(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
