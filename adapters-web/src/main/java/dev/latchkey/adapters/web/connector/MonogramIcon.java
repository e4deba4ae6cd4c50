package dev.latchkey.adapters.web.connector;

import dev.latchkey.domain.connector.ConnectorSlug;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A connector's generated icon: its initials, white, on a rounded square whose colour comes from the slug (the same
 * slug always gets the same colour, on every instance). It is a function of the slug alone, so serving it publicly
 * says nothing about which connectors a workspace has. The SVG has no script, no link, no external reference; the
 * initials are letters and digits from the slug, so nothing needs escaping.
 */
public final class MonogramIcon {
    private MonogramIcon() {
    }

    public static String svg(ConnectorSlug slug) {
        String initials = initials(slug);
        int hue = hue(slug);
        int fontSize = initials.length() == 1 ? 34 : 28;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\" role=\"img\" aria-label=\""
                + initials + "\">"
                + "<rect width=\"64\" height=\"64\" rx=\"12\" fill=\"hsl(" + hue + ",55%,38%)\"/>"
                + "<text x=\"32\" y=\"32\" dy=\"0.35em\" text-anchor=\"middle\" fill=\"#ffffff\" font-size=\"" + fontSize
                + "\" font-weight=\"600\" font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif\">"
                + initials + "</text></svg>";
    }

    /** The first character of the slug's first two words ({@code help-scout} → HS, {@code hubspot} → H). */
    static String initials(ConnectorSlug slug) {
        String[] words = Arrays.stream(slug.value().split("-")).filter(w -> !w.isEmpty()).toArray(String[]::new);
        StringBuilder initials = new StringBuilder();
        for (int i = 0; i < Math.min(2, words.length); i++) {
            initials.append(words[i].charAt(0));
        }
        return initials.toString().toUpperCase(Locale.ROOT);
    }

    /** A hue from the slug's SHA-256 (stable across JVMs and releases, unlike a hash code's spread). */
    static int hue(ConnectorSlug slug) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(slug.value().getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 8 | (digest[1] & 0xff)) % 360;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
