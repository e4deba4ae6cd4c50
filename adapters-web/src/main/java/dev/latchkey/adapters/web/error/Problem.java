package dev.latchkey.adapters.web.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem document, with Latchkey's stable {@code code} and, for validation, every
 * field error at once.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem document (application/problem+json) with Latchkey's stable code.")
public record Problem(String type, String title, int status, String detail, String code, @Nullable List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    @Serdeable
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
