package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("workspaces")
public record WorkspaceRow(@Id UUID id, String name, String environment, Instant createdAt) {
}
