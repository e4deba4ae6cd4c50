package dev.latchkey.domain.branding;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.FieldViolation;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrandingTest {
    private static Map<String, Object> full() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Acme");
        fields.put("logo_url", "https://acme.example/logo.svg");
        fields.put("primary_color", "#0b57d0");
        fields.put("accent_color", "#1a7f37");
        fields.put("background_color", "#ffffff");
        fields.put("theme", "auto");
        fields.put("font_family", "Inter, system-ui, sans-serif");
        fields.put("border_radius", 12);
        fields.put("labels", Map.of("portal_title", "Verbinde deine Tools"));
        fields.put("hide_powered_by", true);
        fields.put("privacy_url", "https://acme.example/privacy");
        fields.put("terms_url", "https://acme.example/terms");
        fields.put("support_url", "https://acme.example/help");
        return fields;
    }

    @Test
    void every_field_is_read_and_written_back_unchanged() {
        Branding branding = Branding.parse(full(), "");
        assertThat(branding.toFields()).isEqualTo(full());
        assertThat(branding.effectiveTheme()).isEqualTo(Theme.AUTO);
        assertThat(branding.warnings()).isEmpty();
    }

    @Test
    void nothing_set_is_the_default_with_no_fields() {
        Branding branding = Branding.parse(Map.of(), "");
        assertThat(branding).isEqualTo(Branding.DEFAULT);
        assertThat(branding.toFields()).isEmpty();
        assertThat(branding.warnings()).as("the defaults meet WCAG AA").isEmpty();
    }

    @Test
    void every_bad_field_is_reported_at_once_under_its_name() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("name", "");
        bad.put("logo_url", "javascript:alert(1)");
        bad.put("primary_color", "blue");
        bad.put("theme", "neon");
        bad.put("font_family", "x;}body{display:none");
        bad.put("border_radius", 33);
        bad.put("labels", Map.of("no_such_key", "x"));
        bad.put("hide_powered_by", "yes");
        bad.put("colour", "#000000");
        assertThatThrownBy(() -> Branding.parse(bad, "branding."))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("branding.name", "branding.logo_url", "branding.primary_color", "branding.theme",
                                "branding.font_family", "branding.border_radius", "branding.labels", "branding.hide_powered_by",
                                "branding.colour"));
    }

    @Test
    void every_url_must_be_https_an_http_logo_would_be_blocked_by_the_portals_csp() {
        for (String field : java.util.List.of("logo_url", "privacy_url", "terms_url", "support_url")) {
            assertThatThrownBy(() -> Branding.parse(Map.of(field, "http://acme.example/x"), "branding."))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("branding." + field);
                        assertThat(v.message()).startsWith("must be an absolute https URL");
                    }));
            assertThat(Branding.parse(Map.of(field, "HTTPS://acme.example/x"), "").toFields()).containsKey(field);
        }
        assertThatThrownBy(() -> Branding.parse(Map.of("logo_url", "https://user@acme.example/logo.svg"), ""))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_stored_field_that_no_longer_validates_is_dropped_not_fatal() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("name", "Acme");
        stored.put("logo_url", "http://acme.example/logo.png");
        stored.put("support_url", "http://acme.example/help");
        Branding read = Branding.parseStored(stored, "branding.");
        assertThat(read.name()).contains("Acme");
        assertThat(read.logoUrl()).isEmpty();
        assertThat(read.supportUrl()).isEmpty();
    }

    @Test
    void border_radius_boundaries_are_0_and_32() {
        assertThat(Branding.parse(Map.of("border_radius", 0), "").borderRadius()).contains(0);
        assertThat(Branding.parse(Map.of("border_radius", 32), "").borderRadius()).contains(32);
        assertThatThrownBy(() -> Branding.parse(Map.of("border_radius", -1), "")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Branding.parse(Map.of("border_radius", 1.5), "")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_light_primary_colour_is_warned_about_but_accepted() {
        Branding branding = Branding.parse(Map.of("primary_color", "#ffd700"), "");
        assertThat(branding.warnings()).anySatisfy(w -> assertThat(w).startsWith("primary_color: white text on #ffd700")
                .contains("below WCAG AA"));
    }

    @Test
    void a_primary_colour_that_vanishes_on_a_dark_background_is_warned_about() {
        Branding branding = Branding.parse(Map.of("primary_color", "#0b1d4f", "theme", "dark"), "");
        assertThat(branding.effectiveBackground()).isEqualTo(Branding.DARK_BACKGROUND);
        assertThat(branding.warnings()).anySatisfy(w -> assertThat(w).contains("as link text on the background #0d1117"));
    }

    @Test
    void a_links_overrides_replace_only_the_fields_they_set_and_merge_labels() {
        Branding workspace = Branding.parse(full(), "");
        Branding link = Branding.parse(Map.of("primary_color", "#7a1fa2", "labels", Map.of("done_button", "Zurück")), "");
        Branding merged = workspace.overriddenBy(link);
        assertThat(merged.primaryColor()).contains(new HexColor("#7a1fa2"));
        assertThat(merged.name()).contains("Acme");
        assertThat(merged.labels().values()).containsEntry("portal_title", "Verbinde deine Tools").containsEntry("done_button", "Zurück");
        assertThat(Branding.DEFAULT.overriddenBy(Branding.DEFAULT)).isEqualTo(Branding.DEFAULT);
    }

    @Test
    void labels_accept_only_documented_keys_and_bounded_texts() {
        assertThat(new Labels(Map.of("portal_title", "x")).get("portal_title")).isEqualTo(Optional.of("x"));
        assertThatThrownBy(() -> new Labels(Map.of("portal_titel", "x"))).hasMessageContaining("not a label key");
        assertThatThrownBy(() -> new Labels(Map.of("portal_title", " "))).hasMessageContaining("1 to 500");
        assertThatThrownBy(() -> new Labels(Map.of("portal_title", "x".repeat(501)))).hasMessageContaining("1 to 500");
    }
}
