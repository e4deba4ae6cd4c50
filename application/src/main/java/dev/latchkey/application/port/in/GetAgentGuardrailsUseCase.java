package dev.latchkey.application.port.in;

import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetAgentGuardrailsUseCase {
    /** What the workspace lets AI agents do through the MCP server; the defaults until it sets its own. */
    AgentGuardrails get(WorkspaceId workspaceId);
}
