package dev.latchkey.adapters.web.portal;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.branding.Labels;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The portal's visible texts: the bundled translation chosen by {@code Accept-Language} (English by
 * default, German), with the branding's {@code labels} replacing any of them.
 */
@Singleton
public class PortalTexts {
    static final List<String> LANGUAGES = List.of("en", "de");
    private final Map<String, Map<String, String>> bundles = new HashMap<>();

    public PortalTexts() {
        for (String language : LANGUAGES) {
            bundles.put(language, load(language));
        }
        for (String language : LANGUAGES) {
            if (!bundles.get(language).keySet().equals(new java.util.HashSet<>(Labels.KEYS))) {
                throw new IllegalStateException("portal/messages_" + language + ".properties must hold exactly the label keys of Labels.KEYS");
            }
        }
    }

    /** The bundled language that best matches an {@code Accept-Language} header; English when none does. */
    public String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "en";
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            String best = Locale.lookupTag(ranges, LANGUAGES);
            return best == null ? "en" : best;
        } catch (IllegalArgumentException e) {
            return "en";
        }
    }

    /** Every text for a page: the language's bundle, the labels over it, {@code {company}} filled in. */
    public Map<String, String> texts(String language, Branding branding) {
        Map<String, String> texts = new HashMap<>(bundles.getOrDefault(language, bundles.get("en")));
        texts.putAll(branding.labels().values());
        String company = branding.name().orElse(language.equals("de") ? "diesem Dienst" : "this service");
        texts.replaceAll((key, text) -> text.replace("{company}", company));
        return texts;
    }

    /** The texts with {@code {app}} filled in, for a page about one app. */
    public static Map<String, String> forApp(Map<String, String> texts, String app) {
        Map<String, String> out = new HashMap<>(texts);
        out.replaceAll((key, text) -> text.replace("{app}", app));
        return out;
    }

    private static Map<String, String> load(String language) {
        String path = "portal/messages_" + language + ".properties";
        try (InputStream in = PortalTexts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> out = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
