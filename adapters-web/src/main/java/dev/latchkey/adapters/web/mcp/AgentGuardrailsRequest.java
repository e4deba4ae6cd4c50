package dev.latchkey.adapters.web.mcp;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/** The body of PUT /v1/mcp/settings: every field, the whole guardrails replaced. */
@Serdeable
@Schema(name = "McpSettingsInput")
public record AgentGuardrailsRequest(
        @Schema(description = "The connectors agents may use (slugs); [] lets them use every enabled connector.",
                example = "[\"hubspot\", \"slack\"]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> connectors,
        @Schema(description = "Agents may only read: call_api sends GET and HEAD only, any other method is refused (403 agent_read_only).",
                example = "true", requiredMode = Schema.RequiredMode.REQUIRED)
        Boolean readOnly,
        @Schema(description = "call_api calls one linked account's agent may make a minute (1-10000); past it, 429 agent_budget_exceeded.",
                example = "60", minimum = "1", maximum = "10000", requiredMode = Schema.RequiredMode.REQUIRED)
        Integer callsPerMinute,
        @Schema(description = "The actions connector files declare that agents may use, by tool name; [] or left out: every action of "
                + "the connectors they may use.", example = "[\"hubspot_list_contacts\"]")
        @Nullable List<String> actions) implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (connectors != null) {
            slugs(violations);
        }
        if (callsPerMinute != null) {
            violations.check("calls_per_minute", () -> new AgentGuardrails(List.of(), true, callsPerMinute));
        }
        if (actions != null) {
            violations.check("actions", () -> new AgentGuardrails(List.of(), true, 1, actions));
        }
    }

    private List<ConnectorSlug> slugs(Violations violations) {
        List<ConnectorSlug> slugs = new ArrayList<>();
        for (int i = 0; i < connectors.size(); i++) {
            String slug = connectors.get(i);
            ConnectorSlug checked = violations.check("connectors[" + i + "]", () -> new ConnectorSlug(slug));
            if (checked != null) {
                slugs.add(checked);
            }
        }
        if (slugs.stream().distinct().count() > AgentGuardrails.MAX_CONNECTORS) {
            violations.add("connectors", "at most " + AgentGuardrails.MAX_CONNECTORS + " connectors");
        }
        return slugs;
    }

    AgentGuardrails guardrails() {
        return new AgentGuardrails(connectors.stream().map(ConnectorSlug::new).toList(), readOnly, callsPerMinute,
                actions == null ? List.of() : actions);
    }
}
