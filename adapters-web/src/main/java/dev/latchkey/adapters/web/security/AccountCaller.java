package dev.latchkey.adapters.web.security;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;

/**
 * The linked account a session endpoint acts for: a session token's own account, or, for a
 * company's backend, the API key's workspace and the account named in {@code X-Linked-Account-Id}.
 */
public record AccountCaller(WorkspaceId workspaceId, LinkedAccountId accountId) {
    public static final String HEADER = "X-Linked-Account-Id";

    public static AccountCaller of(Authentication authentication, HttpRequest<?> request) {
        WorkspaceId workspace = Caller.workspace(authentication);
        if (authentication.getRoles().contains(Roles.SESSION)) {
            return new AccountCaller(workspace, Caller.sessionAccount(authentication));
        }
        String header = request.getHeaders().get(HEADER);
        if (header == null || header.isBlank()) {
            throw InvalidInputException.of(HEADER, "is required with an API key: the id of the linked account to act for");
        }
        try {
            return new AccountCaller(workspace, new LinkedAccountId(header));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(HEADER, e.getMessage());
        }
    }
}
