package dev.latchkey.domain.agent;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.connector.Template;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorActionTest {
    private static final Map<String, Object> ISSUE_INPUT = Map.of("type", "object",
            "properties", Map.of("owner", Map.of("type", "string"), "repo", Map.of("type", "string"), "state", Map.of("type", "string"),
                    "title", Map.of("type", "string")),
            "required", List.of("owner", "repo"));

    private static ConnectorAction action(String method, String path) {
        return new ConnectorAction("list_issues", "Issues of a repository.", method, new Template(path), ISSUE_INPUT, List.of("/items"));
    }

    @Test
    void the_path_is_filled_percent_encoded_and_the_rest_goes_to_the_query_of_a_read() {
        ConnectorAction.Request request = action("GET", "/repos/{owner}/{repo}/issues")
                .request(Map.of("owner", "acme inc", "repo", "a/b", "state", "open"));

        assertThat(request.path()).isEqualTo("/repos/acme%20inc/a%2Fb/issues");
        assertThat(request.query()).containsExactly(Map.entry("state", "open"));
        assertThat(request.body()).isEmpty();
    }

    @Test
    void a_write_sends_the_rest_as_its_json_body() {
        ConnectorAction.Request request = action("POST", "/repos/{owner}/{repo}/issues").request(Map.of("owner", "o", "repo", "r", "title", "Bug"));

        assertThat(request.query()).isEmpty();
        assertThat(request.body()).isEqualTo(Optional.of(Map.of("title", "Bug")));
    }

    @Test
    void an_unknown_or_missing_input_is_refused_naming_it() {
        ConnectorAction action = action("GET", "/repos/{owner}/{repo}/issues");
        assertThatThrownBy(() -> action.request(Map.of("owner", "o", "repo", "r", "linked_account_id", "x")))
                .hasMessageStartingWith("linked_account_id:");
        assertThatThrownBy(() -> action.request(Map.of("owner", "o"))).hasMessageStartingWith("repo:");
    }

    @Test
    void a_path_placeholder_must_be_a_required_input_and_the_tool_name_joins_slug_and_name() {
        assertThatThrownBy(() -> action("GET", "/repos/{owner}/{state}")).hasMessageContaining("{state} must be a required input property");
        assertThat(action("GET", "/x").toolName(new ConnectorSlug("google-drive"))).isEqualTo("google_drive_list_issues");
    }

    @Test
    void the_returned_parts_are_picked_by_pointer_and_a_missing_one_is_left_out() {
        ConnectorAction action = new ConnectorAction("list", "List.", "GET", new Template("/x"), Map.of("type", "object", "properties", Map.of()),
                List.of("/items", "/next", "/missing"));

        assertThat(action.pick(Map.of("items", List.of(1, 2), "next", "c2", "other", true)))
                .containsExactly(Map.entry("/items", List.of(1, 2)), Map.entry("/next", "c2"));
    }
}
