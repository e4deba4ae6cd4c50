package dev.latchkey.domain.activity;

import java.util.Locale;

/** What an activity record is about. */
public enum ActivityKind {
    /** A request the company's backend sent through the signing proxy. */
    PROXY,
    /** A refresh of a connection's credentials, triggered by a request or by the background refresher. */
    REFRESH,
    /** One attempt to deliver a webhook event to one of the company's endpoints. */
    WEBHOOK,
    /** A tool call of an AI agent through the MCP server (README, "MCP server for AI agents"). */
    MCP;

    /** The name on the wire and in the database: {@code proxy}, {@code refresh}, {@code webhook}, {@code mcp}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public static ActivityKind fromWire(String name) {
        for (ActivityKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("must be one of proxy, refresh, webhook, mcp");
    }
}
