package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.Violations;
import io.micronaut.json.JsonMapper;

/**
 * A JSON request body declared as a record: a controller takes it as {@code @Body SomeRequest body}
 * and {@link JsonRequestReader} binds it, so the record is at once what is read and what the OpenAPI
 * document describes. Its components are the body's fields, in snake_case on the wire; a component
 * marked {@code @Nullable} may be left out, any other is required.
 */
public interface JsonRequest {
    /**
     * The domain's rules over the fields, run once every field has its right JSON type; each refusal
     * goes into {@code violations} under the field's name, so they are answered with the type errors,
     * the unknown fields and the strict-JSON problems, in one 400. A field whose type was wrong, or
     * that was left out, is null here. {@code json} serializes a nested object for a rule on its text.
     */
    default void validate(Violations violations, JsonMapper json) {
    }
}
