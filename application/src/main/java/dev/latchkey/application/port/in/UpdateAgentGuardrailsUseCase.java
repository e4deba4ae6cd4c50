package dev.latchkey.application.port.in;

import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface UpdateAgentGuardrailsUseCase {
    /** Replaces the workspace's guardrails for AI agents; takes effect on the next tool call. */
    AgentGuardrails update(WorkspaceId workspaceId, AgentGuardrails guardrails);
}
