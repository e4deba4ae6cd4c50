package dev.latchkey.adapters.connectors.catalog;

import dev.latchkey.domain.agent.ConnectorAction;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The actions connector files declare for AI agents: the shipped ones are valid, and a bad one stops the start naming it. */
class ConnectorActionsAdapterTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    void at_least_ten_shipped_connectors_declare_actions_each_a_tool_with_a_unique_name_on_a_https_base_url() {
        Map<ConnectorSlug, List<ConnectorAction>> actions = new ConnectorActionsAdapter(JSON, "").all();
        ConnectorCatalogAdapter catalog = new ConnectorCatalogAdapter(JSON, false, Optional.empty());

        assertThat(actions).hasSizeGreaterThanOrEqualTo(10).containsKeys(new ConnectorSlug("hubspot"), new ConnectorSlug("slack"),
                new ConnectorSlug("github"));
        List<String> tools = new ArrayList<>();
        actions.forEach((slug, declared) -> {
            ConnectorDefinition definition = catalog.find(slug).orElseThrow();
            assertThat(definition.baseUrl().text()).as(slug + "'s base URL").doesNotStartWith("http:");
            declared.forEach(action -> tools.add(action.toolName(slug)));
        });
        assertThat(tools).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[a-z][a-z0-9_]*"));
        assertThat(tools).contains("hubspot_search_contacts", "slack_list_channels", "github_list_issues");
        // Reads most of all: in the default read-only mode an agent still has tools.
        assertThat(actions.values().stream().flatMap(List::stream).filter(a -> a.method().equals("GET")).count()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void a_bad_action_stops_the_start_naming_the_file_and_every_problem() {
        String file = """
                slug: acme
                name: Acme
                actions:
                  - name: Bad Name
                    description: x
                    method: GET
                    path: /a
                  - name: get_thing
                    description: One thing.
                    method: FETCH
                    path: /things/{thing_id}
                    input: { type: object, properties: {} }
                    extra: 1
                """;

        assertThatThrownBy(() -> new ConnectorActionsAdapter(JSON, List.of(new ConnectorFile("/x/acme.yaml", "acme.yaml", file, false))))
                .isInstanceOf(InvalidConnectorsException.class)
                .hasMessageContaining("/x/acme.yaml: actions[0]: name")
                .hasMessageContaining("/x/acme.yaml: actions[1]: method")
                .hasMessageContaining("/x/acme.yaml: actions[1].extra");
    }
}
