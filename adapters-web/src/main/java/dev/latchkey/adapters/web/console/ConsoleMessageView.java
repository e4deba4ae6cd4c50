package dev.latchkey.adapters.web.console;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.Map;

/** A page that only says something (refused, signed out, sign-in failed), with a way on. */
public record ConsoleMessageView(String title, String text, @Nullable String detail, String nextUrl, String nextText,
                                 @Nullable String refreshTo) implements ConsoleView {
    static ConsoleMessageView of(ConsoleRefusedException.Reason reason, @Nullable String detail) {
        boolean signIn = reason == ConsoleRefusedException.Reason.SIGNED_OUT || reason == ConsoleRefusedException.Reason.SIGN_IN_FAILED
                || reason == ConsoleRefusedException.Reason.PROVIDER_UNAVAILABLE || reason == ConsoleRefusedException.Reason.NO_ROLE;
        return new ConsoleMessageView(reason.title, reason.text, detail, signIn ? ConsolePaths.SIGN_IN : ConsolePaths.ROOT,
                signIn ? "Sign in" : "Back to the console", null);
    }

    @Override
    public String template() {
        return "message";
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("text", text);
        model.put("detail", detail);
        model.put("next_url", nextUrl);
        model.put("next_text", nextText);
        model.put("refresh_to", refreshTo);
        return model;
    }
}
