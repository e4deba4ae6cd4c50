package dev.latchkey.adapters.web.branding;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.branding.Branding;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of PUT /v1/branding, and a connect link's per-link overrides: every field optional, a field
 * left out takes the portal's default (or, on a link, keeps the workspace's value). The domain's
 * {@link Branding} rules run in {@link #validate}, so their refusals come in the same 400 as the type errors.
 */
@Serdeable
@Schema(description = "Every field is optional; one left out takes the portal's default.")
public record BrandingRequest(
        @Schema(description = "The company's name on the portal, at most 100 characters", example = "Acme") @Nullable String name,
        @Schema(description = "https URL of the logo", example = "https://acme.com/logo.svg") @Nullable String logoUrl,
        @Schema(description = "#rrggbb", example = "#0b57d0") @Nullable String primaryColor,
        @Schema(description = "#rrggbb", example = "#1a7f37") @Nullable String accentColor,
        @Schema(description = "#rrggbb", example = "#ffffff") @Nullable String backgroundColor,
        @Schema(allowableValues = {"light", "dark", "auto"}) @Nullable String theme,
        @Schema(description = "A CSS font list: letters, digits, spaces, commas and hyphens", example = "Inter, sans-serif") @Nullable String fontFamily,
        @Schema(description = "Pixels, 0 to 32", minimum = "0", maximum = "32") @Nullable Integer borderRadius,
        @Schema(description = "Texts of the portal by the documented label keys", example = "{\"portal_title\": \"Connect your tools\"}") @Nullable Map<String, String> labels,
        @Nullable Boolean hidePoweredBy,
        @Schema(description = "https URL", example = "https://acme.com/privacy") @Nullable String privacyUrl,
        @Schema(description = "https URL", example = "https://acme.com/terms") @Nullable String termsUrl,
        @Schema(description = "https URL", example = "https://acme.com/support") @Nullable String supportUrl) implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        try {
            toBranding();
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> violations.add(v.field(), v.message()));
        }
    }

    /** The branding these fields describe, by the domain's rules; the fields left out (or refused for their type) are unset. */
    public Branding toBranding() {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "name", name);
        put(fields, "logo_url", logoUrl);
        put(fields, "primary_color", primaryColor);
        put(fields, "accent_color", accentColor);
        put(fields, "background_color", backgroundColor);
        put(fields, "theme", theme);
        put(fields, "font_family", fontFamily);
        put(fields, "border_radius", borderRadius);
        put(fields, "labels", labels);
        put(fields, "hide_powered_by", hidePoweredBy);
        put(fields, "privacy_url", privacyUrl);
        put(fields, "terms_url", termsUrl);
        put(fields, "support_url", supportUrl);
        return Branding.parse(fields, "");
    }

    private static void put(Map<String, Object> fields, String key, @Nullable Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
