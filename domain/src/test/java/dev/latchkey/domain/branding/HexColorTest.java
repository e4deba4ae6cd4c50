package dev.latchkey.domain.branding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HexColorTest {
    @Test
    void a_colour_is_six_hex_digits_after_a_hash_kept_in_lower_case() {
        assertThat(new HexColor("#0055FF").value()).isEqualTo("#0055ff");
        for (String bad : new String[] {"0055ff", "#05f", "#0055ffaa", "#00gg00", "blue", "", " #0055ff"}) {
            assertThatThrownBy(() -> new HexColor(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#rrggbb");
        }
        assertThatThrownBy(() -> new HexColor(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contrast_follows_wcag_2() {
        assertThat(new HexColor("#000000").contrastWith(HexColor.WHITE)).isCloseTo(21.0, within(0.001));
        assertThat(HexColor.WHITE.contrastWith(HexColor.WHITE)).isCloseTo(1.0, within(0.001));
        // Reference values (WebAIM contrast checker): #777777 on white is 4.48:1, #767676 is 4.54:1.
        assertThat(new HexColor("#777777").contrastWith(HexColor.WHITE)).isCloseTo(4.48, within(0.01));
        assertThat(new HexColor("#767676").contrastWith(HexColor.WHITE)).isCloseTo(4.54, within(0.01));
        assertThat(new HexColor("#0b57d0").contrastWith(HexColor.WHITE)).isGreaterThan(4.5);
    }

    @Test
    void readable_text_is_white_on_dark_colours_and_ink_on_light_ones() {
        assertThat(new HexColor("#0b57d0").readableText()).isEqualTo(HexColor.WHITE);
        assertThat(new HexColor("#ffd700").readableText()).isEqualTo(HexColor.INK);
    }
}
