package dev.latchkey.adapters.web.console;

import java.util.Map;

/** What one console template shows, as a typed record handing its values to the template once, in {@link #toModel()}. */
public interface ConsoleView {
    /** The template under {@code views/console}. */
    String template();

    /** The page's title. */
    String title();

    /** The template's variables (the shared ones, user, workspace, CSRF token, nonce, are added by {@link ConsolePages}). */
    Map<String, Object> toModel();
}
