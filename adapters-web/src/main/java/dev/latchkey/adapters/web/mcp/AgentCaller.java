package dev.latchkey.adapters.web.mcp;

import dev.latchkey.adapters.web.security.AccountCaller;
import io.modelcontextprotocol.common.McpTransportContext;

import java.util.Map;
import java.util.Optional;

/** Who an MCP request acts for, carried from {@link McpController} to the tools in the SDK's transport context. */
final class AgentCaller {
    private static final String CALLER = "latchkey.caller";
    private static final String REQUEST_ID = "latchkey.request_id";

    private AgentCaller() {
    }

    static McpTransportContext context(AccountCaller caller, Optional<String> requestId) {
        return McpTransportContext.create(requestId.<Map<String, Object>>map(id -> Map.of(CALLER, caller, REQUEST_ID, id))
                .orElseGet(() -> Map.of(CALLER, caller)));
    }

    /** The linked account the call acts for: always the authenticated one, never one a tool's arguments name. */
    static AccountCaller of(McpTransportContext context) {
        if (context.get(CALLER) instanceof AccountCaller caller) {
            return caller;
        }
        throw new IllegalStateException("an MCP tool ran without an authenticated caller");
    }

    static Optional<String> requestId(McpTransportContext context) {
        return Optional.ofNullable(context.get(REQUEST_ID)).map(Object::toString);
    }
}
