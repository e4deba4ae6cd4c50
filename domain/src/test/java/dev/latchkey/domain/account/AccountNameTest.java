package dev.latchkey.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccountNameTest {

    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

    @Test
    void a_normal_name_is_kept_as_given() {
        AccountName name = new AccountName("Acme Inc");

        assertThat(name.value()).isEqualTo("Acme Inc");
        assertThat(name).hasToString("Acme Inc");
    }

    @Test
    void exactly_200_characters_are_accepted() {
        assertThat(new AccountName("n".repeat(200)).value()).hasSize(200);
    }

    @Test
    void characters_201_are_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AccountName("n".repeat(201)))
                .withMessageContaining("at most 200");
    }

    @Test
    void the_limit_counts_code_points_not_utf16_chars() {
        String twoHundredEmoji = EMOJI.repeat(200);
        assertThat(twoHundredEmoji.length()).isEqualTo(400);

        assertThat(new AccountName(twoHundredEmoji).value()).isEqualTo(twoHundredEmoji);
    }

    @Test
    void code_points_201_are_refused_even_when_made_of_surrogate_pairs() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AccountName(EMOJI.repeat(201)))
                .withMessageContaining("at most 200");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n", " \u2003 "})
    void a_blank_name_is_refused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AccountName(value))
                .withMessageContaining("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme\nInc", "Acme\tInc", "Acme\u0000", "\u0007bell", "Acme\rInc", "del\u007F", "c1\u0085control", "\u009Fx"})
    void control_characters_are_refused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AccountName(value))
                .withMessageContaining("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zürich GmbH", "株式会社アクメ", "O'Brien & Sons", "  padded  ", "Acme \uD83D\uDE80"})
    void unicode_and_punctuation_are_accepted(String value) {
        assertThat(new AccountName(value).value()).isEqualTo(value);
    }
}
