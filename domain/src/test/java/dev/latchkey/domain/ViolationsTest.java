package dev.latchkey.domain;

import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ViolationsTest {

    @Test
    void check_returns_the_built_value_and_records_nothing_when_the_input_is_valid() {
        Violations violations = new Violations();

        LinkedAccountId id = violations.check("id", () -> new LinkedAccountId("cust-42"));

        assertThat(id).isEqualTo(new LinkedAccountId("cust-42"));
        assertThat(violations.isEmpty()).isTrue();
        assertThatCode(violations::throwIfAny).doesNotThrowAnyException();
    }

    @Test
    void check_returns_null_and_records_the_refusal_under_the_field_name() {
        Violations violations = new Violations();

        LinkedAccountId id = violations.check("id", () -> new LinkedAccountId("has space"));

        assertThat(id).isNull();
        assertThat(violations.isEmpty()).isFalse();
        InvalidInputException thrown = catchThrowableOfType(InvalidInputException.class, violations::throwIfAny);
        assertThat(thrown.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("id");
            assertThat(v.message()).contains("no spaces");
        });
    }

    @Test
    void collects_the_violations_of_several_fields_and_lists_all_of_them() {
        Violations violations = new Violations();

        violations.check("id", () -> new LinkedAccountId(""));
        violations.check("name", () -> new AccountName("   "));
        violations.check("metadata", () -> new Metadata("[1, 2]"));
        violations.check("ok_field", () -> new AccountName("Acme Inc"));

        InvalidInputException thrown = catchThrowableOfType(InvalidInputException.class, violations::throwIfAny);
        assertThat(thrown.violations()).extracting(FieldViolation::field).containsExactly("id", "name", "metadata");
        assertThat(thrown.getMessage()).contains("id: ", "name: ", "metadata: ").doesNotContain("ok_field");
    }

    @Test
    void add_records_a_violation_and_can_be_chained() {
        Violations violations = new Violations()
                .add("limit", "must be between 1 and 200")
                .add("cursor", "is not a cursor this API returned");

        InvalidInputException thrown = catchThrowableOfType(InvalidInputException.class, violations::throwIfAny);
        assertThat(thrown.violations()).containsExactly(
                new FieldViolation("limit", "must be between 1 and 200"),
                new FieldViolation("cursor", "is not a cursor this API returned"));
        assertThat(thrown.getMessage())
                .isEqualTo("limit: must be between 1 and 200; cursor: is not a cursor this API returned");
    }

    @Test
    void check_does_not_swallow_exceptions_other_than_illegal_argument() {
        Violations violations = new Violations();

        assertThatCode(() -> violations.check("x", () -> {
            throw new IllegalStateException("a bug, not bad input");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void the_exception_keeps_its_own_copy_of_the_violations() {
        Violations violations = new Violations().add("a", "is wrong");
        InvalidInputException thrown = catchThrowableOfType(InvalidInputException.class, violations::throwIfAny);

        violations.add("b", "is wrong too");

        assertThat(thrown.violations()).extracting(FieldViolation::field).containsExactly("a");
        assertThatCode(() -> thrown.violations().add(new FieldViolation("c", "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_invalid_input_exception_without_violations_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InvalidInputException(List.of()));
    }

    @Test
    void invalid_input_exception_of_names_one_field() {
        InvalidInputException thrown = InvalidInputException.of("cursor", "is not valid");

        assertThat(thrown.violations()).containsExactly(new FieldViolation("cursor", "is not valid"));
        assertThat(thrown.getMessage()).isEqualTo("cursor: is not valid");
    }
}
