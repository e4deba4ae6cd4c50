package dev.latchkey.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FieldViolationTest {

    @Test
    void keeps_field_and_message_as_given() {
        FieldViolation violation = new FieldViolation("linked_account_id", "must be at most 128 characters");

        assertThat(violation.field()).isEqualTo("linked_account_id");
        assertThat(violation.message()).isEqualTo("must be at most 128 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void a_violation_without_a_field_name_is_refused(String field) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FieldViolation(field, "is required"))
                .withMessageContaining("field");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n"})
    void a_violation_without_a_message_is_refused(String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FieldViolation("name", message))
                .withMessageContaining("message");
    }
}
