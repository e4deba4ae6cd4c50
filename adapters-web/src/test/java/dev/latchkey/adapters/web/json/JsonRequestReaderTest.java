package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonRequestReaderTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final JsonRequestReader<Sample> reader = new JsonRequestReader<>(JSON);

    /** A request of every type the reader binds; {@code name} is required, the rest may be left out. */
    @Serdeable
    record Sample(String name, @Nullable Long limit, @Nullable Boolean enabled, @Nullable List<String> scopes,
                  @Nullable Map<String, String> params, @Nullable Map<String, Object> metadata) implements JsonRequest {
        @Override
        public void validate(Violations violations, JsonMapper json) {
            if (name != null && name.isBlank()) {
                violations.add("name", "must not be blank");
            }
        }
    }

    /** A request holding another one, as a connect link holds its branding overrides. */
    @Serdeable
    record Outer(String id, @Nullable Sample inner) implements JsonRequest {
    }

    private List<FieldViolation> problems(String json) {
        return catchThrowableOfType(InvalidInputException.class, () -> reader.read(Sample.class, json)).violations();
    }

    private List<String> fields(String json) {
        return problems(json).stream().map(FieldViolation::field).toList();
    }

    @Test
    void a_body_of_the_right_types_is_bound_to_the_record() {
        Sample sample = reader.read(Sample.class, "{\"name\":\"a\",\"limit\":3,\"enabled\":true,\"scopes\":[\"x\"],"
                + "\"params\":{\"k\":\"v\"},\"metadata\":{\"plan\":\"pro\",\"seats\":2}}");

        assertThat(sample).isEqualTo(new Sample("a", 3L, true, List.of("x"), Map.of("k", "v"), Map.of("plan", "pro", "seats", 2)));
    }

    @Test
    void nullable_fields_may_be_left_out_or_sent_as_null() {
        assertThat(reader.read(Sample.class, "{\"name\":\"a\"}")).isEqualTo(new Sample("a", null, null, null, null, null));
        assertThat(reader.read(Sample.class, "{\"name\":\"a\",\"limit\":null,\"scopes\":null,\"metadata\":null}"))
                .isEqualTo(new Sample("a", null, null, null, null, null));
    }

    @Test
    void a_required_field_left_out_or_null_is_refused() {
        assertThat(problems("{}")).containsExactly(new FieldViolation("name", "is required"));
        assertThat(problems("{\"name\":null}")).containsExactly(new FieldViolation("name", "is required"));
    }

    @Test
    void an_unknown_field_is_refused_with_the_known_ones() {
        assertThat(problems("{\"name\":\"a\",\"nmae\":\"b\"}")).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("nmae");
            assertThat(problem.message()).contains("known fields: name, limit, enabled, scopes, params, metadata");
        });
    }

    @Test
    void a_field_of_the_wrong_type_is_refused_naming_the_type() {
        assertThat(problems("{\"name\":1}")).containsExactly(new FieldViolation("name", "must be a string"));
        assertThat(problems("{\"name\":\"a\",\"limit\":1.5}")).containsExactly(new FieldViolation("limit", "must be a whole number"));
        assertThat(problems("{\"name\":\"a\",\"enabled\":\"yes\"}")).containsExactly(new FieldViolation("enabled", "must be true or false"));
        assertThat(fields("{\"name\":\"a\",\"scopes\":[\"x\",1]}")).containsExactly("scopes");
        assertThat(fields("{\"name\":\"a\",\"params\":{\"k\":1}}")).containsExactly("params.k");
        assertThat(fields("{\"name\":\"a\",\"metadata\":[1]}")).containsExactly("metadata");
    }

    @Test
    void every_problem_is_answered_at_once_type_unknown_strict_and_rule_alike() {
        assertThat(fields("{\"name\":\" \",\"limit\":\"ten\",\"enabled\":1,\"extra\":true,\"params\":{\"a\":\"x\",\"a\":\"y\"}}"))
                .containsExactlyInAnyOrder("name", "limit", "enabled", "extra", "params.a");
    }

    @Test
    void the_records_rules_run_only_on_fields_of_the_right_type() {
        assertThat(problems("{\"name\":\" \"}")).containsExactly(new FieldViolation("name", "must not be blank"));
    }

    @Test
    void a_nested_request_is_bound_by_the_same_rules_and_its_problems_are_named_by_their_path() {
        Outer outer = new JsonRequestReader<Outer>(JSON).read(Outer.class, "{\"id\":\"o\",\"inner\":{\"name\":\"a\",\"limit\":2}}");
        assertThat(outer).isEqualTo(new Outer("o", new Sample("a", 2L, null, null, null, null)));

        List<FieldViolation> problems = catchThrowableOfType(InvalidInputException.class, () -> new JsonRequestReader<Outer>(JSON)
                .read(Outer.class, "{\"id\":1,\"inner\":{\"name\":\" \",\"limit\":\"x\",\"nmae\":1}}")).violations();
        assertThat(problems).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("id", "inner.name", "inner.limit", "inner.nmae");
        assertThat(problems).contains(new FieldViolation("inner.name", "must not be blank"));
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new JsonRequestReader<Outer>(JSON)
                .read(Outer.class, "{\"id\":\"o\",\"inner\":[1]}")).violations())
                .containsExactly(new FieldViolation("inner", "must be a JSON object"));
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        assertThat(fields("[1]")).containsExactly("body");
        assertThat(fields("")).containsExactly("body");
        assertThat(fields("{\"name\":")).containsExactly("body");
    }

    @Test
    void a_snake_case_wire_name_is_made_of_the_components_name() {
        assertThat(JsonRequestReader.fieldName("allowedOrigins")).isEqualTo("allowed_origins");
        assertThat(JsonRequestReader.fieldName("name")).isEqualTo("name");
    }
}
