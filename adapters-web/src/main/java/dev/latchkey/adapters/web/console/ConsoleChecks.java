package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The checks of a console action: the form's CSRF token, then the role. Each refusal is a 403 page. */
final class ConsoleChecks {
    static final String CSRF_FIELD = "_csrf";

    private ConsoleChecks() {
    }

    /** The posted form carries the session's CSRF token (compared in constant time). */
    static void csrf(ConsoleSession session, @Nullable Map<String, String> form) {
        String sent = form == null ? null : form.get(CSRF_FIELD);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.FORM_EXPIRED);
        }
    }

    /** The user's role in the workspace (one {@link ConsoleWorkspaces#require} let through has one). */
    static ConsoleRole role(ConsoleSession session, Workspace workspace) {
        return session.grants().in(workspace.name().value())
                .orElseThrow(() -> new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND));
    }

    static void mayChange(ConsoleSession session, Workspace workspace) {
        ConsoleRole role = role(session, workspace);
        if (!role.mayChange()) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.ROLE_REFUSED,
                    "changes need the admin or owner role; yours is " + role.label());
        }
    }

    static void mayManageCredentials(ConsoleSession session, Workspace workspace) {
        ConsoleRole role = role(session, workspace);
        if (!role.mayManageCredentials()) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.ROLE_REFUSED,
                    "API keys and OAuth apps need the owner role; yours is " + role.label());
        }
    }

    static void mayCopyReconnectLinks(ConsoleSession session, Workspace workspace) {
        ConsoleRole role = role(session, workspace);
        if (!role.mayCopyReconnectLinks()) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.ROLE_REFUSED,
                    "reconnect links need the support, admin or owner role; yours is " + role.label());
        }
    }
}
