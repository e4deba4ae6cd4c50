package dev.latchkey.domain.config;

import dev.latchkey.domain.InvalidValueException;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** A field's type with the rules that only that type has. */
public sealed interface FieldKind {
    /** The type's name in definitions: {@code text}, {@code multi_select}... */
    String type();

    /** {@code text} or {@code textarea} (multiline): a string, optionally bounded and matching a pattern in full. */
    record Text(boolean multiline, OptionalInt minLength, OptionalInt maxLength, Optional<Pattern> pattern) implements FieldKind {
        public Text {
            Objects.requireNonNull(minLength, "minLength");
            Objects.requireNonNull(maxLength, "maxLength");
            Objects.requireNonNull(pattern, "pattern");
            if (minLength.isPresent() && minLength.getAsInt() < 0) {
                throw new InvalidValueException("min_length", "min_length must be 0 or more");
            }
            if (maxLength.isPresent() && maxLength.getAsInt() < 1) {
                throw new InvalidValueException("max_length", "max_length must be 1 or more");
            }
            if (minLength.isPresent() && maxLength.isPresent() && minLength.getAsInt() > maxLength.getAsInt()) {
                throw new InvalidValueException("min_length", "min_length must not be greater than max_length");
            }
        }

        @Override
        public String type() {
            return multiline ? "textarea" : "text";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Text t && multiline == t.multiline && minLength.equals(t.minLength) && maxLength.equals(t.maxLength)
                    && pattern.map(Pattern::pattern).equals(t.pattern.map(Pattern::pattern));
        }

        @Override
        public int hashCode() {
            return Objects.hash(multiline, minLength, maxLength, pattern.map(Pattern::pattern));
        }
    }

    /** An email address. */
    record Email() implements FieldKind {
        @Override
        public String type() {
            return "email";
        }
    }

    /** An absolute http(s) URL. */
    record Url() implements FieldKind {
        @Override
        public String type() {
            return "url";
        }
    }

    /** A calendar date, {@code YYYY-MM-DD}. */
    record Date() implements FieldKind {
        @Override
        public String type() {
            return "date";
        }
    }

    /** A JSON number, inclusive bounds, optionally whole. */
    record Number(Optional<BigDecimal> min, Optional<BigDecimal> max, boolean integer) implements FieldKind {
        public Number {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                throw new InvalidValueException("min", "min must not be greater than max");
            }
        }

        @Override
        public String type() {
            return "number";
        }
    }

    /** true or false. */
    record Bool() implements FieldKind {
        @Override
        public String type() {
            return "boolean";
        }
    }

    /** Any JSON value, optionally checked against a JSON-schema subset. */
    record Json(Optional<JsonSchema> schema) implements FieldKind {
        public Json {
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public String type() {
            return "json";
        }
    }

    /** {@code select} (one value) or {@code multi_select} (a list): static options, or options from the provider. */
    record Select(boolean multiple, List<ConfigOption> options, Optional<OptionsSource> optionsFrom) implements FieldKind {
        public Select {
            options = List.copyOf(options);
            Objects.requireNonNull(optionsFrom, "optionsFrom");
            Choices.require(options, optionsFrom);
        }

        @Override
        public String type() {
            return multiple ? "multi_select" : "select";
        }
    }

    /** Pairs each of the company's {@code sources} with one of the app's values (static options, or options from the provider). */
    record Mapping(List<MappingSource> sources, List<ConfigOption> options, Optional<OptionsSource> optionsFrom) implements FieldKind {
        public Mapping {
            sources = List.copyOf(sources);
            options = List.copyOf(options);
            Objects.requireNonNull(optionsFrom, "optionsFrom");
            if (sources.isEmpty()) {
                throw new InvalidValueException("sources", "sources must list the company's fields to map, e.g. [{\"key\": \"customer_tier\", "
                        + "\"label\": \"Customer tier\"}]");
            }
            Set<String> seen = new HashSet<>();
            for (MappingSource source : sources) {
                if (!seen.add(source.key())) {
                    throw new InvalidValueException("sources", "sources has the key '" + source.key() + "' twice");
                }
            }
            Choices.require(options, optionsFrom);
        }

        @Override
        public String type() {
            return "mapping";
        }
    }

    /** Whether the value must be one of static options (dynamic ones cannot be checked without asking the provider). */
    final class Choices {
        private Choices() {
        }

        static void require(List<ConfigOption> options, Optional<OptionsSource> optionsFrom) {
            if (options.isEmpty() == optionsFrom.isEmpty()) {
                throw new InvalidValueException("options", "options must give either static options or options_from (a provider request), "
                        + "exactly one of them");
            }
            Set<String> values = new HashSet<>();
            for (ConfigOption option : options) {
                if (!values.add(option.value())) {
                    throw new InvalidValueException("options", "options has the value '" + option.value() + "' twice");
                }
            }
        }
    }
}
