package dev.latchkey.application.port.out;

import dev.latchkey.domain.agent.ConnectorAction;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Map;

/** The actions connector files declare for AI agents (the MCP server's typed tools), by connector. */
public interface ConnectorActionsPort {
    /** Every connector's actions; connectors that declare none are left out. */
    Map<ConnectorSlug, List<ConnectorAction>> all();
}
