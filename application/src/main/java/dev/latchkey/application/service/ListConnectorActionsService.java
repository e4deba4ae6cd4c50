package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListConnectorActionsUseCase;
import dev.latchkey.application.port.out.ConnectorActionsPort;
import dev.latchkey.domain.agent.ConnectorAction;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Map;

/** The connector files' actions, as the MCP server offers them. */
public final class ListConnectorActionsService implements ListConnectorActionsUseCase {
    private final ConnectorActionsPort actions;

    public ListConnectorActionsService(ConnectorActionsPort actions) {
        this.actions = actions;
    }

    @Override
    public Map<ConnectorSlug, List<ConnectorAction>> list() {
        return actions.all();
    }
}
