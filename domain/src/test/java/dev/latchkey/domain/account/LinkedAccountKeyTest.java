package dev.latchkey.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LinkedAccountKeyTest {

    @Test
    void random_keys_differ() {
        assertThat(LinkedAccountKey.random()).isNotEqualTo(LinkedAccountKey.random());
    }

    @Test
    void parse_reads_back_what_to_string_wrote() {
        LinkedAccountKey key = LinkedAccountKey.random();

        assertThat(LinkedAccountKey.parse(key.toString())).isEqualTo(key);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not-a-uuid", "cust-42", "123e4567-e89b-12d3-a456-42661417400g"})
    void parse_refuses_anything_but_a_uuid(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LinkedAccountKey.parse(text))
                .withMessage("must be a UUID");
    }
}
