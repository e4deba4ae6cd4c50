package dev.latchkey.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StorableTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "ünïcode", "emoji \uD83D\uDE00 pair", "tab\tand\nnewline", "\uD83D\uDE00\uD83D\uDE00"})
    void text_postgresql_can_store_is_accepted(String text) {
        assertThat(StorableText.problem(text)).isEmpty();
        assertThat(StorableText.require(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "end\u0000"})
    void nul_is_refused_naming_it(String text) {
        assertThat(StorableText.problem(text)).hasValueSatisfying(message -> assertThat(message).contains("U+0000"));
        assertThatIllegalArgumentException().isThrownBy(() -> StorableText.require(text)).withMessageContaining("U+0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDC00\uD800", "pair then lone \uD83D\uDE00\uD83D", "\uD83Dx"})
    void a_lone_surrogate_is_refused_naming_it(String text) {
        assertThat(StorableText.problem(text)).hasValueSatisfying(message -> assertThat(message).contains("surrogate"));
    }

    @Test
    void printable_writes_nul_lone_surrogates_and_controls_as_escapes_and_keeps_the_rest() {
        assertThat(StorableText.printable("plan")).isEqualTo("plan");
        assertThat(StorableText.printable("a\u0000b")).isEqualTo("a\\u0000b");
        assertThat(StorableText.printable("\uD800x")).isEqualTo("\\ud800x");
        assertThat(StorableText.printable("\uD83D\uDE00\n")).isEqualTo("\uD83D\uDE00\\u000a");
    }

    @Test
    void a_field_name_is_printable_and_quoted_when_blank() {
        assertThat(StorableText.fieldName("plan")).isEqualTo("plan");
        assertThat(StorableText.fieldName("a\u0000")).isEqualTo("a\\u0000");
        assertThat(StorableText.fieldName(" ")).isEqualTo("\" \"");
    }
}
