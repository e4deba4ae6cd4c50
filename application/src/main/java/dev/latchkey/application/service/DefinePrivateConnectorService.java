package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.DefinePrivateConnectorUseCase;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;

/** A workspace's own connector definitions: a new slug, never one of the catalog's; a replacement keeps its slug. */
public final class DefinePrivateConnectorService implements DefinePrivateConnectorUseCase {
    private final ConnectorDirectory directory;
    private final PrivateConnectorStorePort privates;

    public DefinePrivateConnectorService(ConnectorDirectory directory, PrivateConnectorStorePort privates) {
        this.directory = directory;
        this.privates = privates;
    }

    @Override
    public ConnectorView create(WorkspaceId workspaceId, Map<String, Object> source) {
        ConnectorDefinition definition = directory.readNew(source);
        directory.requireFreeSlug(definition.slug());
        if (!privates.insert(workspaceId, definition.slug(), source)) {
            throw new ConflictException("connector_exists", "This workspace already has a connector '" + definition.slug()
                    + "'; replace it with PUT /v1/connectors/" + definition.slug() + ".");
        }
        directory.forget(workspaceId, definition.slug());
        return directory.get(workspaceId, definition.slug());
    }

    @Override
    public ConnectorView replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source) {
        ConnectorDefinition definition = directory.readNew(source);
        if (!definition.slug().equals(slug)) {
            throw InvalidInputException.of("slug", "must equal the slug in the path ('" + slug + "')");
        }
        directory.requirePrivate(workspaceId, slug);
        privates.replace(workspaceId, slug, source);
        directory.forget(workspaceId, slug);
        return directory.get(workspaceId, slug);
    }
}
