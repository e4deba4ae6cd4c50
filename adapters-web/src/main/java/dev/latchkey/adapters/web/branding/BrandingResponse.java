package dev.latchkey.adapters.web.branding;

import dev.latchkey.application.port.in.BrandingView;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.branding.HexColor;
import dev.latchkey.domain.branding.Theme;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A workspace's branding; absent fields are null (the portal's defaults apply), with warnings about contrast. */
@Serdeable
@Schema(name = "Branding")
public record BrandingResponse(@Nullable String name, @Nullable String logoUrl, @Nullable String primaryColor, @Nullable String accentColor,
                               @Nullable String backgroundColor, @Schema(allowableValues = {"light", "dark", "auto"}) @Nullable String theme,
                               @Nullable String fontFamily, @Nullable Integer borderRadius, Map<String, String> labels,
                               @Nullable Boolean hidePoweredBy, @Nullable String privacyUrl, @Nullable String termsUrl,
                               @Nullable String supportUrl,
                               @Schema(description = "Where the colours fall below WCAG AA, e.g. white text on primary_color") List<String> warnings) {
    static BrandingResponse of(BrandingView view) {
        Branding b = view.branding();
        return new BrandingResponse(b.name().orElse(null), b.logoUrl().orElse(null), b.primaryColor().map(HexColor::value).orElse(null),
                b.accentColor().map(HexColor::value).orElse(null), b.backgroundColor().map(HexColor::value).orElse(null),
                b.theme().map(Theme::label).orElse(null), b.fontFamily().orElse(null), b.borderRadius().orElse(null), b.labels().values(),
                b.hidePoweredBy().orElse(null), b.privacyUrl().orElse(null), b.termsUrl().orElse(null), b.supportUrl().orElse(null),
                view.warnings());
    }
}
