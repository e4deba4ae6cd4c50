package dev.latchkey.domain.branding;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.StorableText;
import dev.latchkey.domain.Violations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the hosted portal (and the OAuth result pages) look for a workspace. Every field is optional:
 * an absent one takes the portal's default. The same type holds a connect link's overrides, where an
 * absent field keeps the workspace's value ({@link #overriddenBy}).
 */
public record Branding(
        Optional<String> name,
        Optional<String> logoUrl,
        Optional<HexColor> primaryColor,
        Optional<HexColor> accentColor,
        Optional<HexColor> backgroundColor,
        Optional<Theme> theme,
        Optional<String> fontFamily,
        Optional<Integer> borderRadius,
        Labels labels,
        Optional<Boolean> hidePoweredBy,
        Optional<String> privacyUrl,
        Optional<String> termsUrl,
        Optional<String> supportUrl) {

    public static final Branding DEFAULT = new Branding(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Labels.NONE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
    public static final HexColor DEFAULT_PRIMARY = new HexColor("#0b57d0");
    public static final HexColor DEFAULT_ACCENT = new HexColor("#1a7f37");
    public static final HexColor LIGHT_BACKGROUND = HexColor.WHITE;
    public static final HexColor DARK_BACKGROUND = new HexColor("#0d1117");
    public static final int MAX_BORDER_RADIUS = 32;
    /** WCAG 2 AA for normal text. */
    public static final double AA_CONTRAST = 4.5;

    /** The request and storage field names, in order. */
    public static final List<String> FIELDS = List.of("name", "logo_url", "primary_color", "accent_color", "background_color", "theme",
            "font_family", "border_radius", "labels", "hide_powered_by", "privacy_url", "terms_url", "support_url");

    /** Letters, digits, spaces, commas and hyphens: a font list that can go into CSS as it is. */
    private static final Pattern FONT_FAMILY = Pattern.compile("[A-Za-z0-9 ,\\-]{1,200}");

    public Branding {
        name.ifPresent(Branding::name);
        logoUrl.ifPresent(u -> webUrl(u, "logo_url"));
        Objects.requireNonNull(primaryColor, "primaryColor");
        Objects.requireNonNull(accentColor, "accentColor");
        Objects.requireNonNull(backgroundColor, "backgroundColor");
        Objects.requireNonNull(theme, "theme");
        fontFamily.ifPresent(Branding::fontFamily);
        borderRadius.ifPresent(Branding::borderRadius);
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(hidePoweredBy, "hidePoweredBy");
        privacyUrl.ifPresent(u -> webUrl(u, "privacy_url"));
        termsUrl.ifPresent(u -> webUrl(u, "terms_url"));
        supportUrl.ifPresent(u -> webUrl(u, "support_url"));
    }

    /** Reads the fields of a request or a stored row (snake_case names), reporting every problem at once under {@code prefix}. */
    public static Branding parse(Map<String, Object> fields, String prefix) {
        Violations v = new Violations();
        for (String key : fields.keySet()) {
            if (!FIELDS.contains(key)) {
                v.add(prefix + key, "is not a branding field; known fields: " + String.join(", ", FIELDS));
            }
        }
        Optional<String> name = text(fields, "name", prefix, v, Branding::name);
        Optional<String> logo = text(fields, "logo_url", prefix, v, u -> webUrl(u, "logo_url"));
        Optional<HexColor> primary = text(fields, "primary_color", prefix, v, HexColor::new);
        Optional<HexColor> accent = text(fields, "accent_color", prefix, v, HexColor::new);
        Optional<HexColor> background = text(fields, "background_color", prefix, v, HexColor::new);
        Optional<Theme> theme = text(fields, "theme", prefix, v, Theme::parse);
        Optional<String> font = text(fields, "font_family", prefix, v, Branding::fontFamily);
        Optional<Integer> radius = Optional.empty();
        Object r = fields.get("border_radius");
        if (r instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e6) {
            radius = Optional.ofNullable(v.check(prefix + "border_radius", () -> borderRadius(n.intValue())));
        } else if (r != null) {
            v.add(prefix + "border_radius", "must be a whole number of pixels, 0 to " + MAX_BORDER_RADIUS);
        }
        Labels labels = Labels.NONE;
        Object l = fields.get("labels");
        if (l instanceof Map<?, ?> map) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof String s) {
                    values.put(String.valueOf(e.getKey()), s);
                } else {
                    v.add(prefix + "labels." + e.getKey(), "must be a string");
                }
            }
            labels = Objects.requireNonNullElse(v.check(prefix + "labels", () -> new Labels(values)), Labels.NONE);
        } else if (l != null) {
            v.add(prefix + "labels", "must be an object of label keys to texts");
        }
        Optional<Boolean> hide = Optional.empty();
        Object h = fields.get("hide_powered_by");
        if (h instanceof Boolean b) {
            hide = Optional.of(b);
        } else if (h != null) {
            v.add(prefix + "hide_powered_by", "must be true or false");
        }
        Optional<String> privacy = text(fields, "privacy_url", prefix, v, u -> webUrl(u, "privacy_url"));
        Optional<String> terms = text(fields, "terms_url", prefix, v, u -> webUrl(u, "terms_url"));
        Optional<String> support = text(fields, "support_url", prefix, v, u -> webUrl(u, "support_url"));
        v.throwIfAny();
        Optional<Integer> finalRadius = radius;
        Labels finalLabels = labels;
        Optional<Boolean> finalHide = hide;
        Branding branding = v.check(prefix + "branding", () -> new Branding(name, logo, primary, accent, background, theme, font,
                finalRadius, finalLabels, finalHide, privacy, terms, support));
        v.throwIfAny();
        return branding;
    }

    /**
     * A stored branding, read back. A field stored before its rule tightened (an http URL, once
     * accepted) is dropped and takes the default, so it cannot break every page of the workspace.
     */
    public static Branding parseStored(Map<String, Object> fields, String prefix) {
        try {
            return parse(fields, prefix);
        } catch (InvalidInputException e) {
            Map<String, Object> kept = new LinkedHashMap<>(fields);
            e.violations().forEach(violation -> {
                String field = violation.field().startsWith(prefix) ? violation.field().substring(prefix.length()) : violation.field();
                int dot = field.indexOf('.');
                kept.remove(dot < 0 ? field : field.substring(0, dot));
            });
            return parse(kept, prefix);
        }
    }

    /** The fields that are set, by their snake_case names (absent ones are left out). */
    public Map<String, Object> toFields() {
        Map<String, Object> out = new LinkedHashMap<>();
        name.ifPresent(x -> out.put("name", x));
        logoUrl.ifPresent(x -> out.put("logo_url", x));
        primaryColor.ifPresent(x -> out.put("primary_color", x.value()));
        accentColor.ifPresent(x -> out.put("accent_color", x.value()));
        backgroundColor.ifPresent(x -> out.put("background_color", x.value()));
        theme.ifPresent(x -> out.put("theme", x.label()));
        fontFamily.ifPresent(x -> out.put("font_family", x));
        borderRadius.ifPresent(x -> out.put("border_radius", x));
        if (!labels.values().isEmpty()) {
            out.put("labels", new LinkedHashMap<>(labels.values()));
        }
        hidePoweredBy.ifPresent(x -> out.put("hide_powered_by", x));
        privacyUrl.ifPresent(x -> out.put("privacy_url", x));
        termsUrl.ifPresent(x -> out.put("terms_url", x));
        supportUrl.ifPresent(x -> out.put("support_url", x));
        return out;
    }

    /** This branding with every field {@code overrides} sets taking its place (labels merged key by key). */
    public Branding overriddenBy(Branding overrides) {
        return new Branding(overrides.name.or(() -> name), overrides.logoUrl.or(() -> logoUrl),
                overrides.primaryColor.or(() -> primaryColor), overrides.accentColor.or(() -> accentColor),
                overrides.backgroundColor.or(() -> backgroundColor), overrides.theme.or(() -> theme),
                overrides.fontFamily.or(() -> fontFamily), overrides.borderRadius.or(() -> borderRadius), labels.with(overrides.labels),
                overrides.hidePoweredBy.or(() -> hidePoweredBy), overrides.privacyUrl.or(() -> privacyUrl),
                overrides.termsUrl.or(() -> termsUrl), overrides.supportUrl.or(() -> supportUrl));
    }

    public Theme effectiveTheme() {
        return theme.orElse(Theme.LIGHT);
    }

    public HexColor effectivePrimary() {
        return primaryColor.orElse(DEFAULT_PRIMARY);
    }

    public HexColor effectiveAccent() {
        return accentColor.orElse(DEFAULT_ACCENT);
    }

    /** The page background: the one set, else white (light, auto) or near-black (dark). */
    public HexColor effectiveBackground() {
        return backgroundColor.orElse(effectiveTheme() == Theme.DARK ? DARK_BACKGROUND : LIGHT_BACKGROUND);
    }

    /**
     * Where the colours fall below WCAG AA (4.5:1). The portal then picks whichever of white or dark
     * text reads better, but the company should know its colours are hard to read.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        HexColor primary = effectivePrimary();
        HexColor background = effectiveBackground();
        double onPrimary = HexColor.WHITE.contrastWith(primary);
        if (onPrimary < AA_CONTRAST) {
            warnings.add(String.format(Locale.ROOT, "primary_color: white text on %s has a contrast of %.2f:1, below WCAG AA (4.5:1); "
                    + "the portal shows dark text on it instead, choose a darker colour to keep white text", primary, onPrimary));
        }
        double linkContrast = primary.contrastWith(background);
        if (linkContrast < AA_CONTRAST) {
            warnings.add(String.format(Locale.ROOT, "primary_color: %s as link text on the background %s has a contrast of %.2f:1, "
                    + "below WCAG AA (4.5:1)", primary, background, linkContrast));
        }
        HexColor accent = effectiveAccent();
        double accentContrast = accent.contrastWith(background);
        if (accentContrast < 3.0) {
            warnings.add(String.format(Locale.ROOT, "accent_color: %s on the background %s has a contrast of %.2f:1, below the 3:1 "
                    + "WCAG AA asks of status marks", accent, background, accentContrast));
        }
        return warnings;
    }

    private static String name(String name) {
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("must be 1 to 100 characters");
        }
        return StorableText.require(name);
    }

    private static String fontFamily(String font) {
        if (!FONT_FAMILY.matcher(font).matches()) {
            throw new IllegalArgumentException("may hold letters, digits, spaces, commas and hyphens (up to 200), "
                    + "e.g. Inter, system-ui, sans-serif");
        }
        return font;
    }

    private static int borderRadius(int pixels) {
        if (pixels < 0 || pixels > MAX_BORDER_RADIUS) {
            throw new IllegalArgumentException("must be 0 to " + MAX_BORDER_RADIUS + " (pixels)");
        }
        return pixels;
    }

    private static <T> Optional<T> text(Map<String, Object> fields, String key, String prefix, Violations v, Function<String, T> convert) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            v.add(prefix + key, "must be a string");
            return Optional.empty();
        }
        return Optional.ofNullable(v.check(prefix + key, () -> convert.apply(s)));
    }

    /**
     * https only: the portal's CSP loads images from {@code https:} alone (an http logo would not show),
     * and a link the portal offers to the customer should not leave over plain http.
     */
    private static String webUrl(String url, String field) {
        String example = field.equals("logo_url") ? "https://acme.com/logo.svg" : "https://acme.com/privacy";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null || url.length() > 2048) {
                throw new IllegalArgumentException("must be an absolute https URL (up to 2048 characters), e.g. " + example);
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an absolute https URL (up to 2048 characters), e.g. " + example);
        }
    }
}
