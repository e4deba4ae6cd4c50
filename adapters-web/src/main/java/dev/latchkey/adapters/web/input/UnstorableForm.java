package dev.latchkey.adapters.web.input;

import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import io.micronaut.core.convert.value.MutableConvertibleMultiValuesMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link UnstorableTextFilter} rule for form posts, which only the hosted portal takes: a field
 * name or value holding U+0000 or a lone surrogate is a 400 naming the field. Checked on the form the
 * portal's route has bound, not in a filter: a filter reading the body is a second reader of the one
 * buffered body, and when a credential check moved the request to the blocking executor between the
 * two reads, they could meet on two threads (Netty's shared body buffer then fails, a 500).
 */
public final class UnstorableForm {
    private UnstorableForm() {
    }

    /** Throws {@link InvalidInputException} naming every field of {@code form} whose name or value cannot be stored. */
    public static void refuseUnstorable(Map<String, String> form) {
        Map<CharSequence, List<String>> fields = new LinkedHashMap<>();
        form.forEach((name, value) -> fields.put(name, value == null ? List.of() : List.of(value)));
        List<FieldViolation> violations = new ArrayList<>();
        UnstorableTextFilter.check(new MutableConvertibleMultiValuesMap<>(fields), "form field", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
