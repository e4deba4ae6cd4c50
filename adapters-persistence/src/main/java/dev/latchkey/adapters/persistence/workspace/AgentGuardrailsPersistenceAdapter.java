package dev.latchkey.adapters.persistence.workspace;

import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.AgentGuardrailsStorePort;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

/** A workspace's guardrails for AI agents: three columns of its settings row. */
@Singleton
@TranslatesDatabaseFailures
public class AgentGuardrailsPersistenceAdapter implements AgentGuardrailsStorePort {
    private final WorkspaceSettingsRepository repository;
    private final JsonColumns json;

    public AgentGuardrailsPersistenceAdapter(WorkspaceSettingsRepository repository, JsonColumns json) {
        this.repository = repository;
        this.json = json;
    }

    @Override
    public AgentGuardrails guardrails(WorkspaceId workspaceId) {
        return repository.findByWorkspaceId(workspaceId.value())
                .map(row -> new AgentGuardrails(row.agentConnectors() == null ? java.util.List.of()
                        : json.strings(row.agentConnectors()).stream().map(ConnectorSlug::new).toList(),
                        row.agentReadOnly(), row.agentCallsPerMinute(),
                        row.agentActions() == null ? java.util.List.of() : json.strings(row.agentActions())))
                .orElse(AgentGuardrails.DEFAULT);
    }

    @Override
    public void save(WorkspaceId workspaceId, AgentGuardrails guardrails) {
        repository.upsertAgentGuardrails(workspaceId.value(),
                json.strings(guardrails.connectors().stream().map(ConnectorSlug::value).toList()),
                guardrails.readOnly(), guardrails.callsPerMinute(), json.strings(guardrails.actions()));
    }
}
