package dev.latchkey.adapters.web.input;

import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.domain.FieldViolation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.value.MutableConvertibleMultiValuesMap;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link UnstorableTextFilter} rule for form posts, which only the hosted portal takes: a field
 * name or value holding U+0000 or a lone surrogate is a 400 naming the field, before the portal
 * reads the form. Only the portal's posts are buffered here; JSON bodies are the JSON reader's.
 */
@ServerFilter(patterns = "/portal/**", methods = HttpMethod.POST)
public class UnstorableFormFilter {

    @RequestFilter
    public @Nullable HttpResponse<?> refuseUnstorableForm(HttpRequest<?> request, @Body @Nullable String body) {
        boolean form = request.getContentType().map(type -> type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false);
        if (!form || body == null || body.isEmpty()) {
            return null;
        }
        Map<String, List<String>> fields;
        try {
            fields = new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
        } catch (IllegalArgumentException e) {
            return null; // not form encoding at all: the portal's own binding refuses it
        }
        List<FieldViolation> violations = new ArrayList<>();
        UnstorableTextFilter.check(new MutableConvertibleMultiValuesMap<>(new LinkedHashMap<>(fields)), "form field", violations);
        return violations.isEmpty() ? null : Problems.response(Problems.invalid(violations));
    }
}
