package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connect form of an app page: where it posts, whether it leads to an OAuth provider, its
 * title (connect, connect another, reconnect), inputs and the error of the last attempt.
 */
public record ConnectFormView(String action, boolean oauth, String authType, boolean reconnect, String title, String help,
                              @Nullable String error, List<FormFieldView> fields) {
    public ConnectFormView {
        fields = List.copyOf(fields);
    }

    public Map<String, Object> toModel() {
        Map<String, Object> form = new HashMap<>();
        form.put("action", action);
        form.put("oauth", oauth);
        form.put("auth_type", authType);
        form.put("reconnect", reconnect);
        form.put("title", title);
        form.put("button", title);
        form.put("help", help);
        form.put("error", error);
        form.put("fields", fields.stream().map(FormFieldView::toModel).toList());
        return form;
    }
}
