package dev.latchkey.application.port.in;

import dev.latchkey.domain.branding.Branding;

import java.util.List;

/** A workspace's branding, with what it should know about it (contrast below WCAG AA). */
public record BrandingView(Branding branding, List<String> warnings) {
    public BrandingView {
        warnings = List.copyOf(warnings);
    }

    public static BrandingView of(Branding branding) {
        return new BrandingView(branding, branding.warnings());
    }
}
