package dev.latchkey.domain.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether one value fits one field's type and rules. Presence (required) is the field set's concern. */
final class ConfigValidation {
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_STRING_LENGTH = 10_000;
    /** A value (or a definition) with U+0000 anywhere in it: JSON allows it, PostgreSQL's jsonb refuses it. */
    static final String NUL = "must not contain the NUL character (U+0000)";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** @param entry a mapping entry's source key the message is about, or empty for the field itself */
    record Problem(Optional<String> entry, String message) {
        static Problem of(String message) {
            return new Problem(Optional.empty(), message);
        }
    }

    private ConfigValidation() {
    }

    static List<Problem> problems(FieldKind kind, Object value) {
        if (JsonValues.containsNul(value)) {
            return List.of(Problem.of(NUL));
        }
        List<Problem> out = new ArrayList<>();
        switch (kind) {
            case FieldKind.Text text -> string(value, out).ifPresent(s -> text(text, s, out));
            case FieldKind.Email email -> string(value, out).ifPresent(s -> {
                if (s.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(s).matches()) {
                    out.add(Problem.of("must be an email address such as ops@example.com"));
                }
            });
            case FieldKind.Url url -> string(value, out).ifPresent(s -> url(s, out));
            case FieldKind.Date date -> string(value, out).ifPresent(s -> date(s, out));
            case FieldKind.Number number -> number(number, value, out);
            case FieldKind.Bool bool -> {
                if (!(value instanceof Boolean)) {
                    out.add(Problem.of("must be true or false (got " + JsonValues.typeOf(value) + ")"));
                }
            }
            case FieldKind.Json json -> json.schema().ifPresent(schema -> schema.problems(value).forEach(p -> out.add(Problem.of(p))));
            case FieldKind.Select select -> select(select, value, out);
            case FieldKind.Mapping mapping -> mapping(mapping, value, out);
        }
        return out;
    }

    private static Optional<String> string(Object value, List<Problem> out) {
        if (!(value instanceof String s)) {
            out.add(Problem.of("must be a string (got " + JsonValues.typeOf(value) + ")"));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private static void text(FieldKind.Text text, String s, List<Problem> out) {
        int length = s.codePointCount(0, s.length());
        if (text.minLength().isPresent() && length < text.minLength().getAsInt()) {
            out.add(Problem.of("must be at least " + text.minLength().getAsInt() + " characters (got " + length + ")"));
        }
        int max = text.maxLength().orElse(MAX_STRING_LENGTH);
        if (length > max) {
            out.add(Problem.of("must be at most " + max + " characters (got " + length + ")"));
        }
        text.pattern().ifPresent(p -> BoundedMatch.matches(p, s).ifPresentOrElse(matches -> {
            if (!matches) {
                out.add(Problem.of("must match the pattern " + p.pattern()));
            }
        }, () -> out.add(Problem.of("could not be checked: the field's pattern is too costly to check against this value "
                + "(it backtracks too much); a shorter value may pass, or the app's pattern needs simplifying"))));
    }

    private static void url(String s, List<Problem> out) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (s.length() > MAX_URL_LENGTH || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                out.add(Problem.of("must be an absolute http(s) URL such as https://example.com/hook"));
            }
        } catch (URISyntaxException e) {
            out.add(Problem.of("must be an absolute http(s) URL such as https://example.com/hook"));
        }
    }

    private static void date(String s, List<Problem> out) {
        try {
            if (!DATE.matcher(s).matches()) {
                throw new DateTimeParseException("shape", s, 0);
            }
            LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            out.add(Problem.of("must be a date YYYY-MM-DD such as 2026-03-31"));
        }
    }

    private static void number(FieldKind.Number rules, Object value, List<Problem> out) {
        if (!(value instanceof Number n)) {
            out.add(Problem.of("must be a number (got " + JsonValues.typeOf(value) + ")"));
            return;
        }
        if (!JsonValues.isFinite(n)) {
            out.add(Problem.of("must be a finite number"));
            return;
        }
        BigDecimal d = JsonValues.decimal(n);
        if (rules.integer() && !JsonSchema.isWhole(n)) {
            out.add(Problem.of("must be a whole number"));
        }
        rules.min().filter(min -> d.compareTo(min) < 0).ifPresent(min -> out.add(Problem.of("must be at least " + min.toPlainString())));
        rules.max().filter(max -> d.compareTo(max) > 0).ifPresent(max -> out.add(Problem.of("must be at most " + max.toPlainString())));
    }

    private static void select(FieldKind.Select select, Object value, List<Problem> out) {
        if (!select.multiple()) {
            string(value, out).ifPresent(s -> option(select.options(), s, out, Optional.empty()));
            return;
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            out.add(Problem.of("must be a list of option values (got " + JsonValues.typeOf(value) + ")"));
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (Object item : list) {
            if (!seen.add(item)) {
                out.add(Problem.of("lists '" + item + "' twice"));
            }
            option(select.options(), (String) item, out, Optional.empty());
        }
    }

    private static void mapping(FieldKind.Mapping mapping, Object value, List<Problem> out) {
        if (!(value instanceof Map<?, ?> map)) {
            out.add(Problem.of("must be an object of source keys to option values (got " + JsonValues.typeOf(value) + ")"));
            return;
        }
        Set<String> sources = new HashSet<>(mapping.sources().stream().map(MappingSource::key).toList());
        map.forEach((k, v) -> {
            Optional<String> entry = Optional.of(String.valueOf(k));
            if (!sources.contains(String.valueOf(k))) {
                out.add(new Problem(entry, "is not a source of this mapping; sources: "
                        + String.join(", ", mapping.sources().stream().map(MappingSource::key).toList())));
            } else if (!(v instanceof String s)) {
                out.add(new Problem(entry, "must be an option value (a string, got " + JsonValues.typeOf(v) + ")"));
            } else {
                option(mapping.options(), s, out, entry);
            }
        });
    }

    private static void option(List<ConfigOption> options, String value, List<Problem> out, Optional<String> entry) {
        if (value.isEmpty() || value.length() > ConfigOption.MAX_LENGTH) {
            out.add(new Problem(entry, "must be an option value of 1-" + ConfigOption.MAX_LENGTH + " characters"));
        } else if (!options.isEmpty() && options.stream().noneMatch(o -> o.value().equals(value))) {
            out.add(new Problem(entry, "'" + value + "' is not one of the options: "
                    + String.join(", ", options.stream().map(ConfigOption::value).limit(20).toList())
                    + (options.size() > 20 ? ", ..." : "")));
        }
    }
}
