package dev.latchkey.application.port.in;

public interface CallProviderApiUseCase {
    /**
     * Sends an AI agent's request to the provider of one of the linked account's connections, under the
     * workspace's guardrails: a connector agents may use, GET/HEAD only in read-only mode, within the
     * account's calls per minute ({@link dev.latchkey.domain.agent.AgentRefusedException} otherwise).
     * Signed, refreshed and confined exactly as the proxy is: the target comes from
     * {@link PrepareProxyRequestUseCase}, the path must pass {@link dev.latchkey.domain.ApiPath}, and a
     * 401 refreshes the token once and replays the request once.
     */
    CallProviderApiResult call(CallProviderApiCommand command);
}
