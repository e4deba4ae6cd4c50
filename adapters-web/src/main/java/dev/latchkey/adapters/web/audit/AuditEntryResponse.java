package dev.latchkey.adapters.web.audit;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** One entry of the audit log: a change, who made it, how it ended, when and from where. Never a body or a secret. */
@Serdeable
@Schema(name = "AuditEntry")
public record AuditEntryResponse(String id,
                                 @Schema(format = "date-time", description = "When the change was answered (RFC 3339, UTC)", requiredMode = Schema.RequiredMode.REQUIRED) String at,
                                 @Nullable @Schema(description = "The workspace changed; null for the operator's changes that belong to none") String workspaceId,
                                 AuditActorResponse actor,
                                 @Schema(description = "The API operation's id (createLinkedAccount, deleteWebhook...) or the console's action", requiredMode = Schema.RequiredMode.REQUIRED) String action,
                                 AuditTargetResponse target,
                                 @Schema(description = "The HTTP status the change was answered with", requiredMode = Schema.RequiredMode.REQUIRED) int status,
                                 @Schema(allowableValues = {"succeeded", "refused", "failed"},
                                         description = "succeeded (1xx-3xx), refused (4xx: nothing changed), failed (5xx)", requiredMode = Schema.RequiredMode.REQUIRED) String outcome,
                                 @Nullable @Schema(description = "The client's IP address (through LATCHKEY_TRUSTED_PROXIES)") String clientAddress,
                                 @Nullable @Schema(description = "The X-Request-Id the change was answered with") String requestId) {

    /** Who made the change. */
    @Serdeable
    @Schema(name = "AuditActor")
    public record AuditActorResponse(
            @Schema(allowableValues = {"api_key", "session", "operator", "console_user"}, requiredMode = Schema.RequiredMode.REQUIRED) String type,
            @Nullable @Schema(description = "An API key's id, a session's linked account id, a console user's subject; null for the operator") String id,
            @Nullable @Schema(description = "An API key's hint (its first characters, never the key), a console user's email or name") String label) {
        static AuditActorResponse of(Actor actor) {
            return new AuditActorResponse(actor.kind(), actor.id().orElse(null), actor.label().orElse(null));
        }
    }

    /** What the change was made to. */
    @Serdeable
    @Schema(name = "AuditTarget")
    public record AuditTargetResponse(
            @Nullable @Schema(description = "The path called, without its query") String path,
            @Schema(description = "The ids in the path (id, connection_id, slug...) and created_id, the id of what a 201 created", requiredMode = Schema.RequiredMode.REQUIRED) Map<String, String> ids) {
    }

    public static AuditEntryResponse of(AuditEntry entry) {
        return new AuditEntryResponse(entry.id().toString(), Timestamps.format(entry.at()), entry.workspace().map(WorkspaceId::toString).orElse(null),
                AuditActorResponse.of(entry.actor()), entry.action(),
                new AuditTargetResponse(entry.target().path().orElse(null), entry.target().ids()), entry.status(),
                entry.outcome().wireName(), entry.clientAddress().orElse(null), entry.requestId().orElse(null));
    }
}
