package dev.latchkey.domain.connector;

import dev.latchkey.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorDefinitionReaderTest {
    private final ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);

    private static Map<String, Object> oauth2(Map<String, Object> extra) {
        Map<String, Object> auth = new HashMap<>(Map.of("type", "oauth2",
                "authorization_url", "https://example.com/oauth/authorize",
                "token_url", "https://example.com/oauth/token",
                "scopes", List.of("read", "write")));
        auth.putAll(extra);
        return Map.of("slug", "acme", "name", "Acme", "categories", List.of("crm"),
                "icon_url", "https://example.com/icon.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", "https://api.example.com"), "auth", List.of(auth));
    }

    private static String separator(ConnectorDefinition definition) {
        return ((AuthMethod.OAuth2AuthorizationCode) definition.auth().get(0)).scopeSeparator();
    }

    private static Map<String, Object> withApi(Map<String, Object> api) {
        Map<String, Object> source = new HashMap<>(oauth2(Map.of()));
        source.put("api", api);
        return source;
    }

    @Test
    void a_keep_alive_is_read_as_a_duration_and_is_absent_unless_declared() {
        Map<String, Object> source = new HashMap<>(oauth2(Map.of()));
        source.put("refresh_at_least_every", "P30D");

        assertThat(reader.read(source).refreshAtLeastEvery()).contains(java.time.Duration.ofDays(30));
        assertThat(reader.read(oauth2(Map.of())).refreshAtLeastEvery()).isEmpty();
    }

    @Test
    void an_icon_url_is_optional_and_when_given_must_be_https() {
        Map<String, Object> without = new HashMap<>(oauth2(Map.of()));
        without.remove("icon_url");
        Map<String, Object> plain = new HashMap<>(oauth2(Map.of()));
        plain.put("icon_url", "http://example.com/icon.png");

        assertThat(reader.read(without).iconUrl()).isEmpty();
        assertThat(reader.read(oauth2(Map.of())).iconUrl()).contains("https://example.com/icon.png");
        assertThatThrownBy(() -> reader.read(plain)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("icon_url"));
    }

    @Test
    void a_provider_is_sent_the_trace_context_only_when_its_connector_says_so() {
        assertThat(reader.read(oauth2(Map.of())).propagateTrace()).isFalse();
        assertThat(reader.read(withApi(Map.of("base_url", "https://api.example.com", "propagate_trace", true))).propagateTrace()).isTrue();
        assertThat(reader.read(withApi(Map.of("base_url", "https://api.example.com", "propagate_trace", false))).propagateTrace()).isFalse();
    }

    @Test
    void a_propagate_trace_that_is_not_a_boolean_is_refused_naming_the_field() {
        assertThatThrownBy(() -> reader.read(withApi(Map.of("base_url", "https://api.example.com", "propagate_trace", "yes"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("api.propagate_trace")));
    }

    @Test
    void the_documented_default_separator_a_single_space_is_accepted_when_written_out() {
        assertThat(separator(reader.read(oauth2(Map.of("scope_separator", " "))))).isEqualTo(" ");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", "+", ", "})
    void other_separators_are_kept(String given) {
        assertThat(separator(reader.read(oauth2(Map.of("scope_separator", given))))).isEqualTo(given);
    }

    @Test
    void without_a_separator_scopes_are_separated_by_a_space() {
        assertThat(separator(reader.read(oauth2(Map.of())))).isEqualTo(" ");
    }

    @Test
    void an_empty_separator_is_refused_naming_the_field() {
        assertThatThrownBy(() -> reader.read(oauth2(Map.of("scope_separator", ""))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("auth[0].scope_separator")));
    }

    @Test
    void the_client_credentials_grant_accepts_a_space_too() {
        Map<String, Object> source = new HashMap<>(oauth2(Map.of()));
        source.put("auth", List.of(Map.of("type", "oauth2_client_credentials", "token_url", "https://example.com/oauth/token",
                "scope_separator", " ")));

        assertThat(((AuthMethod.OAuth2ClientCredentials) reader.read(source).auth().get(0)).scopeSeparator()).isEqualTo(" ");
    }
}
