package dev.latchkey.adapters.web.input;

import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.StorableText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.convert.value.ConvertibleMultiValues;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses, before any controller runs, a request whose path, query parameters or headers carry
 * text that cannot be stored ({@link StorableText}: U+0000, a lone surrogate): a {@code %00} in a
 * path or in {@code ?search=} would otherwise reach PostgreSQL and fail as a 500. The answer is a
 * 400 {@code validation_failed} naming the parameter (the path parameter, or {@code path} for a
 * path no route matches). JSON bodies are checked by the JSON reader
 * (with the path of each field), form bodies where the portal binds them ({@link UnstorableForm}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class UnstorableTextFilter implements Ordered {

    @RequestFilter
    public @Nullable HttpResponse<?> refuseUnstorableText(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        List<FieldViolation> violations = new ArrayList<>();
        if (route instanceof UriRouteMatch<?, ?> uri) {
            // Named by the path parameter the text is in ({id}, {slug}...), as a malformed id would be.
            uri.getVariableValues().forEach((name, value) -> StorableText.problem(String.valueOf(value))
                    .ifPresent(problem -> violations.add(new FieldViolation(name, problem))));
        }
        if (violations.isEmpty()) {
            StorableText.problem(request.getUri().getPath()).ifPresent(problem -> violations.add(new FieldViolation("path", problem)));
        }
        check(request.getParameters(), "query parameter", violations);
        check(request.getHeaders(), "header", violations);
        return violations.isEmpty() ? null : Problems.response(Problems.invalid(violations));
    }

    /** Every name and value of a query, a form or the headers; a problem is named by the name it came under. */
    static void check(ConvertibleMultiValues<String> values, String what, List<FieldViolation> violations) {
        for (String name : values.names()) {
            String field = StorableText.fieldName(name);
            StorableText.problem(name).ifPresent(problem -> violations.add(new FieldViolation(field, "is a " + what + " name that " + problem)));
            for (String value : values.getAll(name)) {
                StorableText.problem(value).ifPresent(problem -> violations.add(new FieldViolation(field, problem)));
            }
        }
    }

    /** Before security: a malformed request is refused the same way whoever sends it. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
