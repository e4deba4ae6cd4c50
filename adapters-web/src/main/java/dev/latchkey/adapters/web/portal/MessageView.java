package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.Map;

/** A page that only says something (link invalid, session expired, forbidden, done), with an optional way back. */
public record MessageView(String title, String text, @Nullable String backUrl, @Nullable String backText) implements PageView {
    public static MessageView of(String title, String text) {
        return new MessageView(title, text, null, null);
    }

    @Override
    public String template() {
        return "message";
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("text", text);
        model.put("detail", null);
        model.put("result", null);
        model.put("back_url", backUrl);
        model.put("back_text", backText);
        return model;
    }
}
