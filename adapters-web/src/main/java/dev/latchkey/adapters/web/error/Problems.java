package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.FieldViolation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds problem+json responses. */
public final class Problems {
    /** What {@code Retry-After} says when the database is away: a few seconds, then try again. */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private Problems() {
    }

    /** The database cannot be reached; the request itself is fine and may be sent again. */
    public static Problem databaseUnavailable() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                "Latchkey cannot reach its database right now; send the request again after Retry-After seconds.");
    }

    /** {@link #databaseUnavailable()} with its {@code Retry-After}. */
    public static MutableHttpResponse<Problem> databaseUnavailableResponse() {
        return response(databaseUnavailable()).header(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
    }

    public static Problem of(HttpStatus status, String code, String detail) {
        return new Problem("about:blank", status.getReason(), status.getCode(), detail, code, null);
    }

    public static Problem invalid(List<FieldViolation> violations) {
        HttpStatus status = HttpStatus.BAD_REQUEST;
        List<Problem.FieldError> errors = violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        String detail = errors.size() == 1
                ? "The field '" + errors.get(0).field() + "' is invalid: " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors.";
        return new Problem("about:blank", status.getReason(), status.getCode(), detail, "validation_failed", errors);
    }

    public static MutableHttpResponse<Problem> response(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).body(problem).contentType(Problem.CONTENT_TYPE);
    }

    public static MutableHttpResponse<Problem> response(HttpStatus status, String code, String detail) {
        return response(of(status, code, detail));
    }
}
