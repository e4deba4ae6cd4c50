package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetAgentGuardrailsUseCase;
import dev.latchkey.application.port.out.AgentGuardrailsStorePort;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.workspace.WorkspaceId;

/** The workspace's guardrails for AI agents. */
public final class GetAgentGuardrailsService implements GetAgentGuardrailsUseCase {
    private final AgentGuardrailsStorePort store;

    public GetAgentGuardrailsService(AgentGuardrailsStorePort store) {
        this.store = store;
    }

    @Override
    public AgentGuardrails get(WorkspaceId workspaceId) {
        return store.guardrails(workspaceId);
    }
}
