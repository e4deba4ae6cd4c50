package dev.latchkey.application.port.out;

import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.workspace.WorkspaceId;

/** The workspace's guardrails for AI agents, kept with its other settings. */
public interface AgentGuardrailsStorePort {
    /** {@link AgentGuardrails#DEFAULT} until set. */
    AgentGuardrails guardrails(WorkspaceId workspaceId);

    void save(WorkspaceId workspaceId, AgentGuardrails guardrails);
}
