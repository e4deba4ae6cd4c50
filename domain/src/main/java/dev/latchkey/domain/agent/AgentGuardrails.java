package dev.latchkey.domain.agent;

import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a workspace lets AI agents do through the MCP server (README, "MCP server for AI agents").
 *
 * @param connectors     the connectors agents may use; empty: every connector the workspace has enabled
 * @param readOnly       agents may only read: {@code call_api} sends GET and HEAD only (the default)
 * @param callsPerMinute how many {@code call_api} calls one linked account's agent may make a minute
 * @param actions        the declared actions agents may use, by tool name ({@code hubspot_list_contacts}); empty:
 *                       every action of the connectors they may use
 */
public record AgentGuardrails(List<ConnectorSlug> connectors, boolean readOnly, int callsPerMinute, List<String> actions) {
    public static final int MAX_CONNECTORS = 500;
    public static final int MAX_CALLS_PER_MINUTE = 10_000;
    /** Until a workspace sets its own: every enabled connector, read-only, 60 calls a minute. */
    public static final AgentGuardrails DEFAULT = new AgentGuardrails(List.of(), true, 60, List.of());
    public static final int MAX_ACTIONS = 1000;
    private static final java.util.regex.Pattern TOOL_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    public AgentGuardrails {
        connectors = List.copyOf(connectors.stream().distinct().toList());
        if (connectors.size() > MAX_CONNECTORS) {
            throw new IllegalArgumentException("at most " + MAX_CONNECTORS + " connectors");
        }
        if (callsPerMinute < 1 || callsPerMinute > MAX_CALLS_PER_MINUTE) {
            throw new IllegalArgumentException("must be between 1 and " + MAX_CALLS_PER_MINUTE);
        }
        actions = List.copyOf(actions.stream().distinct().toList());
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("at most " + MAX_ACTIONS + " actions");
        }
        for (String action : actions) {
            if (!TOOL_NAME.matcher(action).matches()) {
                throw new IllegalArgumentException("must be action tool names such as hubspot_list_contacts");
            }
        }
    }

    /** Every action of the connectors agents may use. */
    public AgentGuardrails(List<ConnectorSlug> connectors, boolean readOnly, int callsPerMinute) {
        this(connectors, readOnly, callsPerMinute, List.of());
    }

    /** Whether agents may use a declared action, by its tool name (its connector checked apart, by {@link #allows}). */
    public boolean allowsAction(String toolName) {
        return actions.isEmpty() || actions.contains(toolName);
    }

    public boolean allows(ConnectorSlug connector) {
        return connectors.isEmpty() || connectors.contains(connector);
    }

    /** Whether an agent may send this HTTP method: any in read-write mode, GET and HEAD in read-only mode. */
    public boolean allowsMethod(String method) {
        return !readOnly || READS.contains(method.toUpperCase(Locale.ROOT));
    }

    /** The methods an agent may send, for a tool's description of a connection. */
    public List<String> methods() {
        return readOnly ? List.of("GET", "HEAD") : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    }
}
