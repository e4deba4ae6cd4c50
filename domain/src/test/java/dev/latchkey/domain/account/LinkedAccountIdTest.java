package dev.latchkey.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LinkedAccountIdTest {

    @Test
    void a_single_character_is_enough() {
        assertThat(new LinkedAccountId("a").value()).isEqualTo("a");
    }

    @Test
    void exactly_128_characters_are_accepted() {
        String longest = "x".repeat(128);

        assertThat(new LinkedAccountId(longest).value()).hasSize(128);
    }

    @Test
    void characters_129_are_refused_with_the_length_in_the_message() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LinkedAccountId("x".repeat(129)))
                .withMessageContaining("at most 128")
                .withMessageContaining("129");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void a_missing_id_is_refused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LinkedAccountId(value))
                .withMessageContaining("is required");
    }

    @Test
    void every_allowed_character_is_accepted() {
        String all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-";

        assertThat(new LinkedAccountId(all).value()).isEqualTo(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust-42", "user@example.com", "org:acme.team_1", "00000", "-", "..", "A:B@C"})
    void typical_ids_are_accepted(String value) {
        assertThat(new LinkedAccountId(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust 42", " cust", "cust ", " ", "cust\t42", "cust\n42"})
    void whitespace_is_refused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LinkedAccountId(value))
                .withMessageContaining("no spaces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust/42", "cust#1", "a+b", "a,b", "a%20b", "é", "ü123", "a\u0000b", "id?x=1", "a*", "\"q\"", "a'b", "a\\b", "<x>"})
    void characters_outside_the_allowed_set_are_refused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LinkedAccountId(value))
                .withMessageContaining("only letters, digits");
    }

    @Test
    void to_string_is_the_plain_value() {
        assertThat(new LinkedAccountId("cust-42")).hasToString("cust-42");
    }

    @Test
    void ids_are_equal_by_value_and_case_sensitive() {
        assertThat(new LinkedAccountId("cust-42")).isEqualTo(new LinkedAccountId("cust-42"));
        assertThat(new LinkedAccountId("Cust-42")).isNotEqualTo(new LinkedAccountId("cust-42"));
    }
}
