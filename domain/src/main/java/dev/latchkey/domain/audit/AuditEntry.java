package dev.latchkey.domain.audit;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One change made through the API or the console, as the audit log keeps it forever: who, what, to
 * what, how it ended, when and from where. Never a request body, never a secret.
 *
 * @param workspace the workspace changed; empty for the operator's changes that belong to none (rotating the encryption keys)
 * @param action what was done: the API operation's id ({@code createLinkedAccount}) or the console's own action name
 * @param status the HTTP status the change was answered with (the console's changes say 200, 4xx or 500 likewise)
 * @param clientAddress the client's IP address, as seen through trusted proxies
 * @param requestId the request's {@code X-Request-Id}, which joins the entry to the log lines and activity records
 */
public record AuditEntry(AuditEntryId id, Optional<WorkspaceId> workspace, Instant at, Actor actor, String action, AuditTarget target,
                         int status, Optional<String> clientAddress, Optional<String> requestId) {
    public static final int MAX_ACTION = 128;
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9._:/{} -]{1," + MAX_ACTION + "}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.%/a-z]{1,64}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be 1 to " + MAX_ACTION + " of A-Z a-z 0-9 . _ : / { } - and space");
        }
        Objects.requireNonNull(target, "target");
        AuditOutcome.of(status);
        Objects.requireNonNull(clientAddress, "clientAddress");
        clientAddress.ifPresent(address -> {
            if (!ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("clientAddress must be an IP address");
            }
        });
        Objects.requireNonNull(requestId, "requestId");
        requestId.ifPresent(request -> {
            if (!REQUEST_ID.matcher(request).matches()) {
                throw new IllegalArgumentException("requestId must be 1 to 128 of A-Z a-z 0-9 . _ : -");
            }
        });
    }

    public AuditOutcome outcome() {
        return AuditOutcome.of(status);
    }
}
