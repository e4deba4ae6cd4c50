package dev.latchkey.application.port.in;

import dev.latchkey.domain.agent.ConnectorAction;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Map;

public interface ListConnectorActionsUseCase {
    /** The actions connector files declare for AI agents, by connector (each one an MCP tool). */
    Map<ConnectorSlug, List<ConnectorAction>> list();
}
