package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateAgentGuardrailsUseCase;
import dev.latchkey.application.port.out.AgentGuardrailsStorePort;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Replaces the workspace's guardrails for AI agents. */
public final class UpdateAgentGuardrailsService implements UpdateAgentGuardrailsUseCase {
    private final AgentGuardrailsStorePort store;

    public UpdateAgentGuardrailsService(AgentGuardrailsStorePort store) {
        this.store = store;
    }

    @Override
    public AgentGuardrails update(WorkspaceId workspaceId, AgentGuardrails guardrails) {
        store.save(workspaceId, guardrails);
        return guardrails;
    }
}
