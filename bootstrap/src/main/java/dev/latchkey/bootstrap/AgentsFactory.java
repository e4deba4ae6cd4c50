package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.out.AgentGuardrailsStorePort;
import dev.latchkey.application.port.out.ConnectorActionsPort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.application.service.AgentCallBudget;
import dev.latchkey.application.service.CallProviderApiService;
import dev.latchkey.application.service.GetAgentGuardrailsService;
import dev.latchkey.application.service.ListConnectorActionsService;
import dev.latchkey.application.service.UpdateAgentGuardrailsService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** What the MCP server's tools need beyond the connect API's use cases: the guardrails and the agent's API call. */
@Factory
public class AgentsFactory {

    @Singleton
    GetAgentGuardrailsService getAgentGuardrails(AgentGuardrailsStorePort store) {
        return new GetAgentGuardrailsService(store);
    }

    @Singleton
    UpdateAgentGuardrailsService updateAgentGuardrails(AgentGuardrailsStorePort store) {
        return new UpdateAgentGuardrailsService(store);
    }

    @Singleton
    ListConnectorActionsService listConnectorActions(ConnectorActionsPort actions) {
        return new ListConnectorActionsService(actions);
    }

    @Singleton
    CallProviderApiService callProviderApi(AgentGuardrailsStorePort store, PrepareProxyRequestUseCase prepare, ProviderHttpPort http,
                                           Clock clock) {
        return new CallProviderApiService(store, new AgentCallBudget(clock), prepare, http);
    }
}
