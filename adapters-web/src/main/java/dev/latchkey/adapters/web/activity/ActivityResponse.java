package dev.latchkey.adapters.web.activity;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** One record of the activity log. Never a header, a body, a token or a query value. */
@Serdeable
@Schema(name = "ActivityRecord")
public record ActivityResponse(String id,
                               @Schema(format = "date-time", description = "When it started (RFC 3339, UTC)") String startedAt,
                               @Schema(allowableValues = {"proxy", "refresh", "webhook", "mcp"}) String kind,
                               @Nullable String linkedAccountId, @Nullable String connector, @Nullable String connectionId,
                               @Nullable String method,
                               @Nullable @Schema(description = "The path called, without its query") String path,
                               @Nullable @Schema(description = "What the provider (or webhook endpoint) answered") Integer providerStatus,
                               @Nullable @Schema(description = "What Latchkey answered its caller; null for background work") Integer status,
                               @Nullable String problemCode,
                               @Schema(description = "Milliseconds, microsecond precision") double durationMs,
                               long requestBytes, long responseBytes,
                               @Schema(description = "A refresh ran as part of this call") boolean refreshed,
                               @Schema(description = "The call was sent again after the provider answered 401") boolean replayed,
                               @Nullable @Schema(description = "The provider's error text, truncated") String error,
                               @Nullable String requestId,
                               @Schema(description = "How many times a proxied call was sent again after a rate-limited answer (X-Latchkey-Retries)") int retries) {
    public static ActivityResponse of(LoggedActivity logged) {
        Activity a = logged.activity();
        return new ActivityResponse(logged.id().toString(), Timestamps.format(a.at()), a.kind().wireName(),
                a.linkedAccount().map(LinkedAccountId::value).orElse(null), a.connector().map(ConnectorSlug::value).orElse(null),
                a.connection().map(Object::toString).orElse(null), a.method().orElse(null), a.path().orElse(null),
                a.providerStatus().isPresent() ? a.providerStatus().getAsInt() : null,
                a.status().isPresent() ? a.status().getAsInt() : null, a.problemCode().orElse(null),
                a.duration().toNanos() / 1000 / 1000.0, a.requestBytes(), a.responseBytes(), a.refreshed(), a.replayed(),
                a.error().orElse(null), a.requestId().orElse(null), a.retries());
    }
}
