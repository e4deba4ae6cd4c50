package dev.latchkey.domain.connector;

import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each rule of {@link ConnectorDefinitionReader}, broken once in an otherwise valid definition that uses
 * every kind of auth entry: the definition is refused, and the violation names the path of what broke it.
 */
class ConnectorDefinitionRulesTest {
    private static final Object REMOVE = new Object();
    private final ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);

    /** A definition that reads: params, every declarative auth kind plus a custom scheme, verify and identity. */
    static Map<String, Object> valid() {
        return map("slug", "acme", "name", "Acme", "categories", List.of("crm"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", map("base_url", "https://{subdomain}.acme.example/api", "headers", map("X-Version", "2")),
                "params", list(map("name", "subdomain", "label", "Subdomain", "pattern", "[a-z0-9-]+")),
                "auth", list(
                        map("type", "oauth2", "authorization_url", "https://{subdomain}.acme.example/oauth/authorize",
                                "token_url", "https://acme.example/oauth/token", "scopes", List.of("read"),
                                "token_response", map("instance_url", "/instance_url")),
                        map("type", "api_key", "fields", list(map("name", "api_key", "label", "API key", "secret", true)),
                                "name", "Authorization", "format", "Bearer {api_key}"),
                        map("type", "basic", "fields", list(map("name", "user", "label", "User"),
                                map("name", "password", "label", "Password", "secret", true)), "username", "{user}", "password", "{password}"),
                        map("type", "oauth2_client_credentials", "token_url", "https://acme.example/oauth/token"),
                        map("type", "acme_app", "fields", list(map("name", "app_id", "label", "App id")),
                                "login_url", "https://acme.example/app/login")),
                "verify", map("path", "/me"),
                "identity", map("path", "/me", "pointer", "/email"),
                "rate_limit", map("statuses", list(429, 503), "retry_after_header", "Retry-After", "reset_header", "X-RateLimit-Reset",
                        "reset_format", "epoch_seconds", "remaining_header", "X-RateLimit-Remaining", "body_pattern", "rate limit"));
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("slug", REMOVE, "slug"),
                arguments("slug", "Not A Slug", "slug"),
                arguments("name", REMOVE, "name"),
                arguments("colour", "red", "colour"),
                arguments("categories", List.of("CRM!"), "categories[0]"),
                arguments("icon_url", "http://acme.example/icon.png", "icon_url"),
                arguments("docs_url", "https:///docs", "docs_url"),
                arguments("api", REMOVE, "api"),
                arguments("api.extra", 1, "api.extra"),
                arguments("api.base_url", "ftp://acme.example", "api.base_url"),
                arguments("api.headers", map("Authorization", "x"), "api.headers.Authorization"),
                arguments("api.propagate_trace", "yes", "api.propagate_trace"),
                arguments("params[0].pattern", "([", "params[0].pattern"),
                arguments("params[0].label", REMOVE, "params[0].label"),
                arguments("params[0].colour", "red", "params[0].colour"),
                arguments("params[1]", map("name", "subdomain", "label", "Again", "pattern", ".*"), "params"),
                arguments("auth", REMOVE, "auth"),
                arguments("auth", List.of(), "auth"),
                arguments("auth[0].type", REMOVE, "auth[0].type"),
                arguments("auth[4].type", "Not-A-Type", "auth[4].type"),
                arguments("auth[3]", map("type", "api_key", "fields", list(map("name", "key", "label", "Key", "secret", true)),
                        "name", "X-Key"), "auth"),
                arguments("auth[0].authorization_url", REMOVE, "auth[0].authorization_url"),
                arguments("auth[0].token_url", "http://acme.example/oauth/token", "auth[0].token_url"),
                arguments("auth[0].revocation_url", "https://acme.example/{missing}/revoke", "auth[0].revocation_url"),
                arguments("auth[0].token_response", map("Instance Url", "/instance_url"), "auth[0].token_response.Instance Url"),
                arguments("auth[0].token_response", map("instance_url", "instance_url"), "auth[0].token_response.instance_url"),
                arguments("auth[0].scope_separator", "", "auth[0].scope_separator"),
                arguments("auth[0].client_auth", "header", "auth[0].client_auth"),
                arguments("auth[0].refresh_margin_seconds", 100_000, "auth[0].refresh_margin_seconds"),
                arguments("auth[0].token_format", "Bearer {token}", "auth[0].token_format"),
                arguments("auth[0].scopes", "read", "auth[0].scopes"),
                arguments("auth[0].pkce", "yes", "auth[0].pkce"),
                arguments("auth[0].authorization_params", "prompt=consent", "auth[0].authorization_params"),
                arguments("auth[0].colour", "red", "auth[0].colour"),
                arguments("auth[3].token_url", REMOVE, "auth[3].token_url"),
                arguments("auth[1].placement", "cookie", "auth[1].placement"),
                arguments("auth[1].name", REMOVE, "auth[1].name"),
                arguments("auth[1].format", "Bearer {other}", "auth[1].format"),
                arguments("auth[1].fields", REMOVE, "auth[1].fields"),
                arguments("auth[1].fields[0].secret", false, "auth[1].fields[0].secret"),
                arguments("auth[1].fields[0].label", REMOVE, "auth[1].fields[0].label"),
                arguments("auth[1].fields[1]", map("name", "api_key", "label", "Again", "secret", true), "auth[1].fields"),
                arguments("auth[2].username", REMOVE, "auth[2].username"),
                arguments("auth[2].password", "{nope}", "auth[2].password"),
                arguments("auth[4].login_url", "http://acme.example/app/login", "auth[4].login_url"),
                arguments("verify", "GET /me", "verify"),
                arguments("verify.path", REMOVE, "verify.path"),
                arguments("verify.path", "/users/{unknown}", "verify.path"),
                arguments("verify.pointer", "/email", "verify.pointer"),
                arguments("identity.pointer", REMOVE, "identity.pointer"),
                arguments("identity.expect_status", 2.5, "identity.expect_status"),
                arguments("config_fields", "channel", "config_fields"),
                arguments("refresh_at_least_every", "60 days", "refresh_at_least_every"),
                arguments("refresh_at_least_every", "PT10M", "refresh_at_least_every"),
                arguments("refresh_at_least_every", "P400D", "refresh_at_least_every"),
                arguments("refresh_at_least_every", 60, "refresh_at_least_every"),
                arguments("rate_limit", "429", "rate_limit"),
                arguments("rate_limit.colour", "red", "rate_limit.colour"),
                arguments("rate_limit.statuses", List.of(), "rate_limit.statuses"),
                arguments("rate_limit.statuses", List.of(429, 200), "rate_limit.statuses[1]"),
                arguments("rate_limit.retry_after_header", "Retry After", "rate_limit.retry_after_header"),
                arguments("rate_limit.reset_format", "unix", "rate_limit.reset_format"),
                arguments("rate_limit.reset_format", REMOVE, "rate_limit.reset_format"),
                arguments("rate_limit.reset_header", REMOVE, "rate_limit.reset_header"),
                arguments("rate_limit.reset_header", "X_Reset:", "rate_limit.reset_header"),
                arguments("rate_limit.remaining_header", "", "rate_limit.remaining_header"),
                arguments("rate_limit.body_pattern", "([", "rate_limit.body_pattern"));
    }

    @Test
    void the_definition_the_cases_break_reads() {
        ConnectorDefinition definition = reader.read(valid());

        assertThat(definition.auth()).extracting(AuthMethod::type)
                .containsExactly("oauth2", "api_key", "basic", "oauth2_client_credentials", "acme_app");
    }

    @ParameterizedTest(name = "{0} = {1} is refused at {2}")
    @MethodSource("broken")
    void each_rule_refuses_what_breaks_it_naming_its_path(String path, Object value, String violationAt) {
        Map<String, Object> source = valid();
        set(source, path, value);

        assertThatThrownBy(() -> reader.read(source)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).contains(violationAt));
    }

    @Test
    void a_base_url_value_no_param_or_token_response_provides_is_refused_when_every_entry_is_declarative() {
        Map<String, Object> source = valid();
        set(source, "auth[4]", REMOVE);
        set(source, "api.base_url", "https://api.acme.example/{nowhere}");

        assertThatThrownBy(() -> reader.read(source)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("api.base_url"));
    }

    @Test
    void with_a_custom_scheme_the_base_url_values_are_those_the_schemes_declare_they_keep() {
        Map<String, Object> source = valid();
        set(source, "api.base_url", "{instance_url}/{subdomain}/{nowhere}");
        ConnectorDefinition definition = reader.read(source);
        AuthCapabilities keepsInstance = new AuthCapabilities("acme_app", "Acme app", java.util.Optional.empty(), List.of(), List.of(),
                true, java.util.Optional.empty(), false, List.of(), false, false, List.of("instance_url"));
        AuthCapabilities keepsNothing = AuthCapabilities.typed("api_key", "API key", List.of());

        assertThat(definition.baseUrlValuesNotProvided(List.of(keepsNothing, keepsInstance))).containsExactly("nowhere");
        assertThat(definition.baseUrlValuesNotProvided(List.of(keepsNothing))).containsExactly("instance_url", "nowhere");
    }

    @Test
    void a_two_field_api_key_without_a_format_is_refused_naming_the_format() {
        Map<String, Object> source = valid();
        set(source, "auth[1].fields[1]", map("name", "account", "label", "Account"));
        set(source, "auth[1].format", REMOVE);

        assertThatThrownBy(() -> reader.read(source)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).contains("auth[1].format"));
    }

    @Test
    void a_keep_alive_without_an_oauth2_entry_is_refused_naming_it() {
        Map<String, Object> source = valid();
        set(source, "auth[0]", REMOVE);
        set(source, "api.base_url", "https://{subdomain}.acme.example/api");
        set(source, "refresh_at_least_every", "P30D");

        assertThatThrownBy(() -> reader.read(source)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).contains("refresh_at_least_every"));
    }

    // --- building the cases ---

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @SafeVarargs
    private static <T> List<T> list(T... items) {
        return new ArrayList<>(List.of(items));
    }

    /** Sets (or with {@link #REMOVE}, removes) the value at a path such as {@code auth[1].fields[0].secret}; a list index one past its end appends. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> root, String path, Object value) {
        String[] steps = path.split("\\.");
        Object node = root;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            int bracket = step.indexOf('[');
            String key = bracket < 0 ? step : step.substring(0, bracket);
            Map<String, Object> map = (Map<String, Object>) node;
            if (bracket < 0) {
                if (last) {
                    if (value == REMOVE) {
                        map.remove(key);
                    } else {
                        map.put(key, value);
                    }
                    return;
                }
                node = map.get(key);
                continue;
            }
            int index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
            List<Object> items = (List<Object>) map.get(key);
            if (last) {
                if (value == REMOVE) {
                    items.remove(index);
                } else if (index == items.size()) {
                    items.add(value);
                } else {
                    items.set(index, value);
                }
                return;
            }
            node = items.get(index);
        }
    }
}
