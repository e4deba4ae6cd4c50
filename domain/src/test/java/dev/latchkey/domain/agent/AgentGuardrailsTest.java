package dev.latchkey.domain.agent;

import dev.latchkey.domain.connector.ConnectorSlug;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentGuardrailsTest {
    private static final ConnectorSlug CRM = new ConnectorSlug("crm");
    private static final ConnectorSlug CHAT = new ConnectorSlug("chat");

    @Test
    void the_default_lets_agents_read_every_enabled_connector_only() {
        AgentGuardrails rules = AgentGuardrails.DEFAULT;
        assertThat(rules.allows(CRM)).isTrue();
        assertThat(rules.allowsMethod("GET")).isTrue();
        assertThat(rules.allowsMethod("head")).isTrue();
        assertThat(rules.allowsMethod("POST")).isFalse();
        assertThat(rules.allowsMethod("DELETE")).isFalse();
        assertThat(rules.methods()).containsExactly("GET", "HEAD");
    }

    @Test
    void a_list_of_connectors_allows_those_only_and_read_write_allows_every_method() {
        AgentGuardrails rules = new AgentGuardrails(List.of(CHAT, CHAT), false, 10);
        assertThat(rules.connectors()).containsExactly(CHAT);
        assertThat(rules.allows(CHAT)).isTrue();
        assertThat(rules.allows(CRM)).isFalse();
        assertThat(rules.allowsMethod("PATCH")).isTrue();
    }

    @Test
    void the_budget_is_between_1_and_10000_calls_a_minute() {
        assertThatThrownBy(() -> new AgentGuardrails(List.of(), true, 0)).hasMessage("must be between 1 and 10000");
        assertThatThrownBy(() -> new AgentGuardrails(List.of(), true, 10_001)).hasMessage("must be between 1 and 10000");
        assertThat(new AgentGuardrails(List.of(), true, 10_000).callsPerMinute()).isEqualTo(10_000);
    }
}
