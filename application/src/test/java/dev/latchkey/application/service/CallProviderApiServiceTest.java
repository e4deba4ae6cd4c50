package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryAgentGuardrailsStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedProviderHttp;
import dev.latchkey.application.port.in.CallProviderApiCommand;
import dev.latchkey.application.port.in.CallProviderApiResult;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.agent.AgentRefusedException;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.TokenFingerprint;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallProviderApiServiceTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId(UUID.randomUUID());
    private static final LinkedAccountId ACCOUNT = new LinkedAccountId("cust-1");
    private static final ConnectorSlug CRM = new ConnectorSlug("crm");
    private static final ConnectionId CONNECTION = ConnectionId.random();

    private final InMemoryAgentGuardrailsStore guardrails = new InMemoryAgentGuardrailsStore();
    private final MutableClock clock = MutableClock.at("2026-12-05T12:00:00Z");
    private final ScriptedProviderHttp http = new ScriptedProviderHttp();
    private final List<PrepareProxyRequestCommand> prepared = new ArrayList<>();
    /** Signs with token-1, and with token-2 once token-1 was rejected (the proxy's refresh after a 401). */
    private final PrepareProxyRequestUseCase prepare = command -> {
        prepared.add(command);
        String token = command.rejected().isPresent() ? "token-2" : "token-1";
        return new ProxyTarget(CONNECTION, URI.create("https://api.crm.example/v3"), List.of(InetAddress.getLoopbackAddress()),
                Map.of("Authorization", "Bearer " + token), Map.of(), Optional.of(TokenFingerprint.of(token)));
    };
    private final CallProviderApiService service = new CallProviderApiService(guardrails, new AgentCallBudget(clock), prepare, http);

    private static CallProviderApiCommand call(String method, String path) {
        return new CallProviderApiCommand(WORKSPACE, ACCOUNT, CRM, method, path, Map.of(), Optional.empty());
    }

    @Test
    void a_read_is_signed_by_the_proxys_preparation_and_sent_below_the_base_url_with_its_query() {
        http.respondText("GET", "https://api.crm.example/v3/deals/42?q=big%20deal", 200, "{\"id\":42}");

        CallProviderApiResult result = service.call(new CallProviderApiCommand(WORKSPACE, ACCOUNT, CRM, "get", "/deals/42",
                Map.of("q", "big deal"), Optional.empty()));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("{\"id\":42}");
        assertThat(result.connectionId()).isEqualTo(CONNECTION);
        assertThat(http.lastRequest().headers()).containsEntry("Authorization", "Bearer token-1");
    }

    @Test
    void a_401_refreshes_through_the_proxys_preparation_and_replays_once() {
        http.respond("GET", "https://api.crm.example/v3/me", new dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse(401,
                Map.of(), "expired"));
        // The scripted fake answers by URL only: the replay gets the same 401, and is not replayed again.
        CallProviderApiResult result = service.call(call("GET", "me"));

        assertThat(prepared).hasSize(2);
        assertThat(prepared.get(1).rejected()).isPresent();
        assertThat(http.requests()).extracting(r -> r.headers().get("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(result.replayed()).isTrue();
    }

    @Test
    void read_only_is_the_default_and_a_write_is_refused_before_anything_is_prepared_or_sent() {
        assertThatThrownBy(() -> service.call(call("POST", "/deals"))).isInstanceOf(AgentRefusedException.class)
                .extracting(e -> ((AgentRefusedException) e).reason()).isEqualTo(AgentRefusedException.Reason.READ_ONLY);
        assertThat(prepared).isEmpty();
        assertThat(http.requests()).isEmpty();
    }

    @Test
    void a_connector_outside_the_workspaces_list_is_refused() {
        guardrails.save(WORKSPACE, new AgentGuardrails(List.of(new ConnectorSlug("chat")), false, 60));
        assertThatThrownBy(() -> service.call(call("GET", "/deals"))).isInstanceOf(AgentRefusedException.class)
                .extracting(e -> ((AgentRefusedException) e).code()).isEqualTo("agent_connector_not_allowed");
        assertThat(prepared).isEmpty();
    }

    @Test
    void the_budget_refuses_past_its_calls_in_a_minute_says_when_there_is_room_and_refills_a_minute_after_the_first_call() {
        guardrails.save(WORKSPACE, new AgentGuardrails(List.of(), true, 2));
        http.respondText("GET", "https://api.crm.example/v3/a", 200, "{}");
        service.call(call("GET", "/a"));
        clock.advance(Duration.ofSeconds(20));
        service.call(call("GET", "/a"));

        assertThatThrownBy(() -> service.call(call("GET", "/a"))).isInstanceOfSatisfying(AgentRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(AgentRefusedException.Reason.BUDGET_EXCEEDED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(40));
        });
        clock.advance(Duration.ofSeconds(40));
        assertThat(service.call(call("GET", "/a")).status()).isEqualTo(200);
    }

    @Test
    void a_path_that_would_leave_the_base_url_is_refused_and_unsafe_characters_are_encoded() {
        assertThatThrownBy(() -> service.call(call("GET", "/../admin"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.call(call("GET", "//evil.example/x"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.call(call("GET", "/%2e%2e/admin"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> service.call(call("GET", "/a@evil.example"))).isInstanceOf(InvalidInputException.class);
        assertThat(http.requests()).isEmpty();

        http.respondText("GET", "https://api.crm.example/v3/search/caf%C3%A9%20bar%3F", 200, "[]");
        assertThat(service.call(call("GET", "/search/café bar?")).status()).isEqualTo(200);
    }

    @Test
    void a_long_answer_is_cut_and_says_so() {
        http.respondText("GET", "https://api.crm.example/v3/export", 200, "x".repeat(CallProviderApiResult.MAX_BODY_CHARS + 5));

        CallProviderApiResult result = service.call(call("GET", "/export"));

        assertThat(result.truncated()).isTrue();
        assertThat(result.body()).hasSize(CallProviderApiResult.MAX_BODY_CHARS);
        assertThat(result.bodyLength()).isEqualTo(CallProviderApiResult.MAX_BODY_CHARS + 5);
    }
}
