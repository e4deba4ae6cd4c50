package dev.latchkey.domain.branding;

import java.util.Locale;
import java.util.regex.Pattern;

/** A colour as {@code #rrggbb} (stored lower case), with its WCAG 2 relative luminance and contrast. */
public record HexColor(String value) {
    private static final Pattern FORMAT = Pattern.compile("#[0-9a-fA-F]{6}");
    public static final HexColor WHITE = new HexColor("#ffffff");
    /** The portal's dark text colour. */
    public static final HexColor INK = new HexColor("#1f2328");

    public HexColor {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a colour as #rrggbb, e.g. #0055ff");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** WCAG 2.x relative luminance, 0 (black) to 1 (white). */
    public double luminance() {
        return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    }

    /** WCAG contrast ratio with another colour, 1 to 21. */
    public double contrastWith(HexColor other) {
        double a = luminance();
        double b = other.luminance();
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** White or the dark ink, whichever reads better on this colour. */
    public HexColor readableText() {
        return contrastWith(WHITE) >= contrastWith(INK) ? WHITE : INK;
    }

    private double channel(int offset) {
        double c = Integer.parseInt(value.substring(offset, offset + 2), 16) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Override
    public String toString() {
        return value;
    }
}
