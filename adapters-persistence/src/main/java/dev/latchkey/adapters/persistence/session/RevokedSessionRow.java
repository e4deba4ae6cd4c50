package dev.latchkey.adapters.persistence.session;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("revoked_session_tokens")
public record RevokedSessionRow(@Id String tokenId, UUID workspaceId, Instant expiresAt) {
}
