package dev.latchkey.adapters.web.connector;

import dev.latchkey.domain.connector.ConnectorSlug;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MonogramIconTest {

    @Test
    void the_initials_are_the_first_letters_of_the_slugs_first_two_words() {
        assertThat(MonogramIcon.initials(new ConnectorSlug("hubspot"))).isEqualTo("H");
        assertThat(MonogramIcon.initials(new ConnectorSlug("help-scout"))).isEqualTo("HS");
        assertThat(MonogramIcon.initials(new ConnectorSlug("microsoft-teams-extra"))).isEqualTo("MT");
        assertThat(MonogramIcon.initials(new ConnectorSlug("360learning"))).isEqualTo("3");
    }

    @Test
    void the_colour_depends_on_the_slug_only_and_stays_the_same() {
        int hue = MonogramIcon.hue(new ConnectorSlug("stripe"));

        assertThat(MonogramIcon.hue(new ConnectorSlug("stripe"))).isEqualTo(hue).isBetween(0, 359);
        assertThat(MonogramIcon.svg(new ConnectorSlug("stripe"))).contains("hsl(" + hue + ",55%,38%)");
    }

    @Test
    void the_svg_holds_no_script_link_or_handler() {
        String svg = MonogramIcon.svg(new ConnectorSlug("github-app"));

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>").contains(">GA</text>");
        assertThat(svg.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script", "href", " on", "url(", "<foreignobject");
    }
}
