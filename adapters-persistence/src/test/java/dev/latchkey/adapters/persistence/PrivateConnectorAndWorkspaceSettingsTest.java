package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connector.PrivateConnectorPersistenceAdapter;
import dev.latchkey.adapters.persistence.workspace.AgentGuardrailsPersistenceAdapter;
import dev.latchkey.adapters.persistence.workspace.WorkspaceSettingsPersistenceAdapter;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class PrivateConnectorAndWorkspaceSettingsTest extends EncryptedPersistenceTest {
    @Inject
    PrivateConnectorPersistenceAdapter privateConnectors;
    @Inject
    WorkspaceSettingsPersistenceAdapter workspaceSettings;
    @Inject
    AgentGuardrailsPersistenceAdapter agentGuardrails;

    @Test
    void agent_guardrails_are_the_defaults_until_set_read_back_after_each_save_and_live_beside_the_allowed_origins() {
        WorkspaceId ws = newWorkspace();
        assertThat(agentGuardrails.guardrails(ws)).isEqualTo(AgentGuardrails.DEFAULT);

        AgentGuardrails first = new AgentGuardrails(List.of(new ConnectorSlug("hubspot"), new ConnectorSlug("slack")), false, 5,
                List.of("hubspot_list_contacts"));
        agentGuardrails.save(ws, first);
        assertThat(agentGuardrails.guardrails(ws)).isEqualTo(first);
        AllowedOrigins origins = new AllowedOrigins(List.of("https://app.acme.com"));
        workspaceSettings.saveAllowedOrigins(ws, origins);
        assertThat(agentGuardrails.guardrails(ws)).as("saving the origins keeps the guardrails").isEqualTo(first);

        agentGuardrails.save(ws, AgentGuardrails.DEFAULT);
        assertThat(agentGuardrails.guardrails(ws)).isEqualTo(AgentGuardrails.DEFAULT);
        assertThat(workspaceSettings.allowedOrigins(ws)).as("saving the guardrails keeps the origins").isEqualTo(origins);
        assertThat(agentGuardrails.guardrails(newWorkspace())).isEqualTo(AgentGuardrails.DEFAULT);
    }

    private static Map<String, Object> definition(String slug, String name) {
        return Map.of(
                "slug", slug,
                "name", name,
                "categories", List.of("crm", "internal"),
                "api", Map.of("base_url", "https://{subdomain}.example.com/api"),
                "auth", List.of(Map.of("type", "api_key", "pkce", true,
                        "fields", List.of(Map.of("name", "api_key", "secret", true, "max", 64)))));
    }

    @Test
    void a_private_connector_source_reads_back_as_it_was_given() {
        WorkspaceId ws = newWorkspace();
        Map<String, Object> source = definition("acme-crm", "Acme CRM");
        assertThat(privateConnectors.insert(ws, new ConnectorSlug("acme-crm"), source)).isTrue();

        Map<String, Object> read = privateConnectors.find(ws, new ConnectorSlug("acme-crm")).orElseThrow();
        assertThat(read).isEqualTo(source);
    }

    @Test
    void a_second_insert_with_the_same_slug_is_refused_and_keeps_the_first() {
        WorkspaceId ws = newWorkspace();
        ConnectorSlug slug = new ConnectorSlug("dup");
        privateConnectors.insert(ws, slug, definition("dup", "First"));

        assertThat(privateConnectors.insert(ws, slug, definition("dup", "Second"))).isFalse();
        assertThat(privateConnectors.find(ws, slug).orElseThrow()).containsEntry("name", "First");
        assertThat(privateConnectors.insert(newWorkspace(), slug, definition("dup", "Elsewhere"))).isTrue();
    }

    @Test
    void replace_changes_an_existing_connector_only() {
        WorkspaceId ws = newWorkspace();
        ConnectorSlug slug = new ConnectorSlug("replaced");
        assertThat(privateConnectors.replace(ws, slug, definition("replaced", "Nothing yet"))).isFalse();
        assertThat(privateConnectors.find(ws, slug)).isEmpty();

        privateConnectors.insert(ws, slug, definition("replaced", "Before"));
        assertThat(privateConnectors.replace(ws, slug, definition("replaced", "After"))).isTrue();
        assertThat(privateConnectors.find(ws, slug).orElseThrow()).containsEntry("name", "After");
    }

    @Test
    void delete_reports_whether_there_was_a_connector() {
        WorkspaceId ws = newWorkspace();
        ConnectorSlug slug = new ConnectorSlug("gone");
        privateConnectors.insert(ws, slug, definition("gone", "Gone"));
        assertThat(privateConnectors.delete(ws, slug)).isTrue();
        assertThat(privateConnectors.delete(ws, slug)).isFalse();
        assertThat(privateConnectors.find(ws, slug)).isEmpty();
    }

    @Test
    void all_lists_the_workspace_connectors_in_slug_order() {
        WorkspaceId ws = newWorkspace();
        for (String slug : List.of("zeta", "alpha", "m-2", "m-10")) {
            privateConnectors.insert(ws, new ConnectorSlug(slug), definition(slug, slug));
        }
        privateConnectors.insert(newWorkspace(), new ConnectorSlug("beta"), definition("beta", "beta"));

        assertThat(privateConnectors.all(ws)).extracting(source -> source.get("slug")).containsExactly("alpha", "m-10", "m-2", "zeta");
    }

    @Test
    void another_workspace_neither_sees_nor_replaces_nor_deletes_a_private_connector() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        ConnectorSlug slug = new ConnectorSlug("mine");
        privateConnectors.insert(ws, slug, definition("mine", "Mine"));

        assertThat(privateConnectors.find(other, slug)).isEmpty();
        assertThat(privateConnectors.all(other)).isEmpty();
        assertThat(privateConnectors.replace(other, slug, definition("mine", "Hijacked"))).isFalse();
        assertThat(privateConnectors.delete(other, slug)).isFalse();
        assertThat(privateConnectors.find(ws, slug).orElseThrow()).containsEntry("name", "Mine");
    }

    @Test
    void allowed_origins_are_none_until_set_and_read_back_after_each_save() {
        WorkspaceId ws = newWorkspace();
        assertThat(workspaceSettings.allowedOrigins(ws)).isEqualTo(AllowedOrigins.NONE);

        AllowedOrigins first = new AllowedOrigins(List.of("https://app.acme.com", "http://localhost:3000"));
        workspaceSettings.saveAllowedOrigins(ws, first);
        assertThat(workspaceSettings.allowedOrigins(ws)).isEqualTo(first);

        AllowedOrigins second = new AllowedOrigins(List.of("https://portal.acme.com"));
        workspaceSettings.saveAllowedOrigins(ws, second);
        assertThat(workspaceSettings.allowedOrigins(ws)).isEqualTo(second);

        workspaceSettings.saveAllowedOrigins(ws, AllowedOrigins.NONE);
        assertThat(workspaceSettings.allowedOrigins(ws)).isEqualTo(AllowedOrigins.NONE);
        assertThat(workspaceSettings.allowedOrigins(newWorkspace())).isEqualTo(AllowedOrigins.NONE);
    }
}
