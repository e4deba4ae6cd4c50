package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.AgentGuardrailsStorePort;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryAgentGuardrailsStore implements AgentGuardrailsStorePort {
    private final Map<WorkspaceId, AgentGuardrails> guardrails = new ConcurrentHashMap<>();

    @Override
    public AgentGuardrails guardrails(WorkspaceId workspaceId) {
        return guardrails.getOrDefault(workspaceId, AgentGuardrails.DEFAULT);
    }

    @Override
    public void save(WorkspaceId workspaceId, AgentGuardrails value) {
        guardrails.put(workspaceId, value);
    }
}
