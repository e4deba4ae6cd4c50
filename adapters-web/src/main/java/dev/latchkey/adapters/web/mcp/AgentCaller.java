package dev.latchkey.adapters.web.mcp;

import dev.latchkey.adapters.web.security.AccountCaller;
import io.modelcontextprotocol.common.McpTransportContext;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Who an MCP request acts for, carried from {@link McpController} to the tools in the SDK's transport context. */
final class AgentCaller {
    private static final String CALLER = "latchkey.caller";
    private static final String REQUEST_ID = "latchkey.request_id";

    private AgentCaller() {
    }

    private static final String VISIBLE = "latchkey.visible_actions";

    static McpTransportContext context(AccountCaller caller, Optional<String> requestId) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put(CALLER, caller);
        values.put(VISIBLE, new AtomicReference<Set<String>>());
        requestId.ifPresent(id -> values.put(REQUEST_ID, id));
        return McpTransportContext.create(values);
    }

    /** The action tools this caller may see, worked out once per request (tools/list asks per tool). */
    @SuppressWarnings("unchecked")
    static Set<String> visibleActions(McpTransportContext context, Supplier<Set<String>> compute) {
        AtomicReference<Set<String>> memo = (AtomicReference<Set<String>>) context.get(VISIBLE);
        if (memo == null) {
            return compute.get();
        }
        Set<String> known = memo.get();
        if (known == null) {
            known = compute.get();
            memo.set(known);
        }
        return known;
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
