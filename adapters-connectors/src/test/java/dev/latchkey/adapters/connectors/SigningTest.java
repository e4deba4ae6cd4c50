package dev.latchkey.adapters.connectors;

import dev.latchkey.adapters.connectors.apikey.ApiKeyAuth;
import dev.latchkey.adapters.connectors.basic.BasicAuth;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.adapters.connectors.oauth2.OAuth2AuthorizationCodeAuth;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.Signature;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How each scheme authenticates an API request: only auth headers and query parameters, never the connector's api.headers. */
class SigningTest {
    private static final AuthSchemePort.OutboundRequest REQUEST = AuthSchemePort.OutboundRequest.of("GET", java.net.URI.create("https://api.acme.example/v1/things"));
    private static final String HEAD = """
            slug: acme
            name: Acme
            categories: [test]
            icon_url: https://acme.example/i.png
            docs_url: https://acme.example/docs
            api:
              base_url: https://api.acme.example
              headers: {Acme-Version: "2"}
            auth:
            """;

    private final ApiKeyAuth apiKey = new ApiKeyAuth();
    private final BasicAuth basic = new BasicAuth();

    @Test
    void an_api_key_goes_in_the_named_header_through_its_format() {
        Context context = TestConnectors.context(HEAD + """
                  - type: api_key
                    fields: [{name: api_key, label: Key, secret: true}]
                    placement: header
                    name: Authorization
                    format: "Bearer {api_key}"
                """);
        Credentials credentials = apiKey.obtain(context, Map.of("api_key", "sk_live_1")).credentials();

        Signature signature = apiKey.sign(context, credentials, REQUEST);

        assertThat(signature.headers()).containsExactly(Map.entry("Authorization", "Bearer sk_live_1"));
        assertThat(signature.queryParameters()).isEmpty();
        assertThat(signature.toString()).doesNotContain("sk_live_1");
        assertThat(credentials.toString()).doesNotContain("sk_live_1");
    }

    @Test
    void an_api_key_can_go_in_the_query() {
        Context context = TestConnectors.context(HEAD + """
                  - type: api_key
                    fields: [{name: api_key, label: Key, secret: true}, {name: account, label: Account}]
                    placement: query
                    name: key
                    format: "{account}:{api_key}"
                """);

        Signature signature = apiKey.sign(context, Credentials.ofFields(Map.of("api_key", "k1", "account", "a1")), REQUEST);

        assertThat(signature.queryParameters()).containsExactly(Map.entry("key", "a1:k1"));
        assertThat(signature.headers()).isEmpty();
    }

    @Test
    void missing_and_unknown_fields_are_refused_all_at_once_without_values() {
        Context context = TestConnectors.context(HEAD + """
                  - type: api_key
                    fields: [{name: api_key, label: Key, secret: true}, {name: account, label: Account}]
                    name: X-Key
                    format: "{account}:{api_key}"
                """);

        assertThatThrownBy(() -> apiKey.obtain(context, Map.of("api_key", " ", "apikey", "typo-secret")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("api_key", "account", "apikey"))
                .hasMessageNotContaining("typo-secret");
        assertThat(apiKey.refresh(context, Credentials.ofFields(Map.of()))).isEmpty();
    }

    @Test
    void basic_auth_encodes_the_username_and_password_templates() {
        Context context = TestConnectors.context(HEAD + """
                  - type: basic
                    fields: [{name: api_key, label: Key, secret: true}]
                    username: "{api_key}"
                    password: "X"
                """);
        Credentials credentials = basic.obtain(context, Map.of("api_key", "fd-key")).credentials();

        Signature signature = basic.sign(context, credentials, REQUEST);

        assertThat(signature.headers()).containsExactly(Map.entry("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("fd-key:X".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void basic_auth_fills_both_templates_from_the_fields() {
        Context context = TestConnectors.context(HEAD + """
                  - type: basic
                    fields: [{name: account_sid, label: SID}, {name: auth_token, label: Token, secret: true}]
                    username: "{account_sid}"
                    password: "{auth_token}"
                """);

        Signature signature = basic.sign(context, Credentials.ofFields(Map.of("account_sid", "AC1", "auth_token", "tok")), REQUEST);

        assertThat(signature.headers().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC1:tok".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void basic_auth_with_an_empty_password() {
        Context context = TestConnectors.context(HEAD + """
                  - type: basic
                    fields: [{name: api_key, label: Key, secret: true}]
                    username: "{api_key}"
                    password: ""
                """);

        Signature signature = basic.sign(context, Credentials.ofFields(Map.of("api_key", "k")), REQUEST);

        assertThat(signature.headers().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString("k:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void an_oauth_token_goes_in_authorization_bearer_by_default() {
        Context context = TestConnectors.context(HEAD + """
                  - type: oauth2
                    authorization_url: https://acme.example/authorize
                    token_url: https://acme.example/token
                """);

        Signature signature = oauth().sign(context, tokenCredentials("at-1"), REQUEST);

        assertThat(signature.headers()).containsExactly(Map.entry("Authorization", "Bearer at-1"));
        assertThat(signature.queryParameters()).isEmpty();
    }

    @Test
    void an_oauth_token_goes_where_the_connector_places_it() {
        Context context = TestConnectors.context(HEAD + """
                  - type: oauth2
                    authorization_url: https://acme.example/authorize
                    token_url: https://acme.example/token
                    token_header: X-Shopify-Access-Token
                    token_format: "{access_token}"
                """);

        assertThat(oauth().sign(context, tokenCredentials("shpat_1"), REQUEST).headers()).containsExactly(Map.entry("X-Shopify-Access-Token", "shpat_1"));
    }

    private static OAuth2AuthorizationCodeAuth oauth() {
        return new OAuth2AuthorizationCodeAuth(new GuardedHttpClient(new OutboundGuard(false)), JsonMapper.createDefault(), Clock.systemUTC());
    }

    private static Credentials tokenCredentials(String value) {
        return Credentials.ofToken(new AccessToken(value, Optional.empty(), Optional.empty(), "Bearer", List.of()));
    }
}
