package dev.latchkey.adapters.web.mcp;

import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.GetAgentGuardrailsUseCase;
import dev.latchkey.application.port.in.UpdateAgentGuardrailsUseCase;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** The workspace's guardrails for AI agents on the MCP server, set by the company's backend. */
@Controller("/v1/mcp/settings")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "MCP", description = "The MCP server for AI agents (POST /mcp) and what the workspace lets agents do.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class AgentGuardrailsController {
    private final GetAgentGuardrailsUseCase get;
    private final UpdateAgentGuardrailsUseCase update;

    public AgentGuardrailsController(GetAgentGuardrailsUseCase get, UpdateAgentGuardrailsUseCase update) {
        this.get = get;
        this.update = update;
    }

    /**
     * @param connectors     the connectors agents may use; [] for every enabled one
     * @param readOnly       whether call_api sends GET and HEAD only
     * @param callsPerMinute call_api calls a linked account's agent may make a minute
     * @param actions        the declared actions agents may use, by tool name; [] for every action of those connectors
     */
    @Serdeable
    @Schema(name = "McpSettings")
    public record AgentGuardrailsResponse(List<String> connectors, boolean readOnly, int callsPerMinute, List<String> actions) {
        static AgentGuardrailsResponse of(AgentGuardrails guardrails) {
            return new AgentGuardrailsResponse(guardrails.connectors().stream().map(ConnectorSlug::value).toList(), guardrails.readOnly(),
                    guardrails.callsPerMinute(), guardrails.actions());
        }
    }

    @Get
    @Operation(operationId = "getMcpSettings", summary = "Guardrails for AI agents",
            description = "Until set: every enabled connector and action, read-only (GET and HEAD), 60 calls a minute per linked account.")
    public AgentGuardrailsResponse get(Authentication caller) {
        return AgentGuardrailsResponse.of(get.get(Caller.workspace(caller)));
    }

    @Put
    @Operation(operationId = "replaceMcpSettings", summary = "Change the guardrails for AI agents",
            description = "Replaces them whole; applies to the next tool call.")
    @JsonBodyProblems
    public AgentGuardrailsResponse put(@Body AgentGuardrailsRequest body, Authentication caller) {
        return AgentGuardrailsResponse.of(update.update(Caller.workspace(caller), body.guardrails()));
    }
}
