package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CallProviderApiCommand;
import dev.latchkey.application.port.in.CallProviderApiResult;
import dev.latchkey.application.port.in.CallProviderApiUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.out.AgentGuardrailsStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.domain.ApiPath;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.agent.AgentRefusedException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An AI agent's {@code call_api}: the guardrails first (nothing is looked up or sent for a refused call),
 * then the proxy's own preparation — the same connection choice, refresh, signature and destination
 * checks — and the request sent to the provider, replayed once after a 401 with a refreshed token.
 * Unlike the proxy it does not stream: an agent reads the whole answer, cut to what fits a model's context.
 */
public final class CallProviderApiService implements CallProviderApiUseCase {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** Characters a path keeps as they are; any other is percent-encoded (UTF-8). '%' stays: the agent may have encoded. */
    private static final String PATH_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:/%";

    private final AgentGuardrailsStorePort guardrails;
    private final AgentCallBudget budget;
    private final PrepareProxyRequestUseCase prepare;
    private final ProviderHttpPort http;

    public CallProviderApiService(AgentGuardrailsStorePort guardrails, AgentCallBudget budget, PrepareProxyRequestUseCase prepare,
                                  ProviderHttpPort http) {
        this.guardrails = guardrails;
        this.budget = budget;
        this.prepare = prepare;
        this.http = http;
    }

    @Override
    public CallProviderApiResult call(CallProviderApiCommand command) {
        String method = command.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw InvalidInputException.of("method", "must be one of GET, HEAD, POST, PUT, PATCH, DELETE");
        }
        String rawPath = encodePath(command.path().startsWith("/") ? command.path().substring(1) : command.path());
        Optional<String> pathProblem = ApiPath.problem(rawPath);
        if (pathProblem.isPresent()) {
            throw InvalidInputException.of("path", pathProblem.get());
        }
        AgentGuardrails rules = guardrails.guardrails(command.workspaceId());
        if (!rules.allows(command.connector())) {
            throw new AgentRefusedException(AgentRefusedException.Reason.CONNECTOR_NOT_ALLOWED, "The workspace does not let agents use "
                    + command.connector() + ".", Optional.empty());
        }
        if (!rules.allowsMethod(method)) {
            throw new AgentRefusedException(AgentRefusedException.Reason.READ_ONLY, "The workspace lets agents read only (GET and HEAD); "
                    + method + " is refused.", Optional.empty());
        }
        Optional<Duration> wait = budget.take(command.workspaceId(), command.accountId(), rules.callsPerMinute());
        if (wait.isPresent()) {
            throw new AgentRefusedException(AgentRefusedException.Reason.BUDGET_EXCEEDED, "This linked account's agent has used its "
                    + rules.callsPerMinute() + " calls this minute; try again in " + Math.max(1, wait.get().toSeconds()) + " s.", wait);
        }
        PrepareProxyRequestCommand prepared = new PrepareProxyRequestCommand(command.workspaceId(), command.accountId(),
                command.connector(), Optional.empty());
        ProxyTarget target = prepare.prepare(prepared);
        ProviderHttpPort.ProviderResponse response = send(target, method, rawPath, command);
        boolean replayed = false;
        if (response.status() == 401 && target.token().isPresent()) {
            target = prepare.prepare(prepared.rejecting(target));
            response = send(target, method, rawPath, command);
            replayed = true;
        }
        String body = response.body();
        boolean truncated = body.length() > CallProviderApiResult.MAX_BODY_CHARS;
        String shown = truncated ? cut(body) : body;
        return new CallProviderApiResult(target.connectionId(), response.status(), header(response.headers(), "content-type"), shown,
                truncated, body.length(), replayed, response.json());
    }

    private ProviderHttpPort.ProviderResponse send(ProxyTarget target, String method, String rawPath, CallProviderApiCommand command) {
        StringBuilder url = new StringBuilder(target.baseUrl().toString());
        if (!rawPath.isEmpty()) {
            url.append('/').append(rawPath);
        }
        char separator = '?';
        for (Map.Entry<String, String> parameter : new TreeMap<>(command.query()).entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        for (Map.Entry<String, String> parameter : target.queryParameters().entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json");
        if (command.jsonBody().isPresent()) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(target.headers());
        // Signed as the proxy signs: the scheme sees the request (and its body, when it signs bodies).
        ProxyTarget.Authentication authentication = target.authenticate(method, URI.create(url.toString()), headers,
                target.signsBody() ? command.jsonBody().map(b -> b.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : Optional.empty());
        headers.putAll(authentication.headers());
        for (Map.Entry<String, String> parameter : authentication.queryParameters().entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return http.send(new ProviderHttpPort.ProviderRequest(method, URI.create(url.toString()), headers, command.jsonBody()));
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    private static String cut(String body) {
        int end = CallProviderApiResult.MAX_BODY_CHARS;
        if (Character.isHighSurrogate(body.charAt(end - 1))) {
            end--;
        }
        return body.substring(0, end);
    }

    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (b >= 0 && PATH_CHARS.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
