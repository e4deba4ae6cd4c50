package dev.latchkey.adapters.web.portal;

import java.util.Map;

/**
 * What one portal template shows, as a typed record. Thymeleaf reads the templates' snake_case
 * names from maps, so a view hands its values over once, in {@link #toModel()}.
 */
public interface PageView {
    /** The template under {@code views/portal}. */
    String template();

    /** The template's variables (the page's shared ones, texts, branding, nonce, are added by {@link PortalPages}). */
    Map<String, Object> toModel();
}
