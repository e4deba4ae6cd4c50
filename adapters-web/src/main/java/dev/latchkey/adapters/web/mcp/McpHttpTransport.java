package dev.latchkey.adapters.web.mcp;

import dev.latchkey.domain.InvalidInputException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The MCP SDK's stateless server transport SPI over {@link McpController}: one JSON-RPC message per HTTP
 * POST, answered in the same response as {@code application/json} (a request) or with 202 (a notification).
 * No session, no server-to-client stream: every tool Latchkey offers answers at once, and a stateless
 * server runs behind any load balancer without sticky sessions (README, "MCP server for AI agents").
 */
final class McpHttpTransport implements McpStatelessServerTransport {
    private final McpJsonMapper mapper;
    private volatile McpStatelessServerHandler handler;

    McpHttpTransport(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /**
     * Handles one message on the calling thread (a blocking one). The answer to a request; empty for a
     * notification or a response (nothing here asks the client anything).
     */
    Optional<String> handle(String body, McpTransportContext context) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, body);
        } catch (IOException | RuntimeException e) {
            // Whatever the SDK's reader refuses (not JSON, JSON null, no method): the caller's mistake, never a 500.
            throw InvalidInputException.of("body", "must be one JSON-RPC 2.0 message: a request or a notification");
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            return Optional.of(write(response));
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        }
        return Optional.empty();
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
