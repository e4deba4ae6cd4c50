package dev.latchkey.domain.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Plain JSON values as parsed (maps, lists, strings, numbers, booleans, null): equality where 1 and 1.0 are the same number. */
public final class JsonValues {
    private JsonValues() {
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && isFinite(x) && isFinite(y)) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey()) && same(e.getValue(), y.get(e.getKey())));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** Whether a number is finite: a JSON parser may turn {@code 1e400} into infinity. */
    public static boolean isFinite(Number number) {
        return !(number instanceof Double d && (d.isNaN() || d.isInfinite())) && !(number instanceof Float f && (f.isNaN() || f.isInfinite()));
    }

    /** A number as an exact decimal ({@code 0.1} stays 0.1); only for {@linkplain #isFinite finite} numbers. */
    public static BigDecimal decimal(Number number) {
        if (!isFinite(number)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        if (number instanceof BigDecimal d) {
            return d;
        }
        return new BigDecimal(number.toString());
    }

    /**
     * Whether a string anywhere in the value (an object's keys included) holds the NUL character
     * U+0000, which JSON allows but PostgreSQL's jsonb refuses.
     */
    public static boolean containsNul(Object value) {
        return switch (value) {
            case String s -> s.indexOf('\0') >= 0;
            case Map<?, ?> m -> m.entrySet().stream().anyMatch(e -> containsNul(e.getKey()) || containsNul(e.getValue()));
            case List<?> l -> l.stream().anyMatch(JsonValues::containsNul);
            case null, default -> false;
        };
    }

    /** The JSON type name of a value, for messages. */
    static String typeOf(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "true/false";
            case Number n -> "a number";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> value.getClass().getSimpleName();
        };
    }
}
