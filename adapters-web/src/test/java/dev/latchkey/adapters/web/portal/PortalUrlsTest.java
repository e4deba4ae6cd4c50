package dev.latchkey.adapters.web.portal;

import dev.latchkey.domain.connector.Template;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortalUrlsTest {
    private static Map<String, String> done(String connected) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("latchkey_status", "done");
        params.put("connected", connected);
        return params;
    }

    @Test
    void done_adds_its_parameters_to_the_return_urls_query_before_the_fragment() {
        assertThat(ReturnUrl.withParams("https://app.example.com/settings?tab=apps#integrations", done("github,hubspot")))
                .isEqualTo("https://app.example.com/settings?tab=apps&latchkey_status=done&connected=github%2Chubspot#integrations");
    }

    @Test
    void done_starts_a_query_when_the_return_url_has_none() {
        assertThat(ReturnUrl.withParams("https://app.example.com/back", done("")))
                .isEqualTo("https://app.example.com/back?latchkey_status=done&connected=");
    }

    @Test
    void a_fixed_authorization_url_gives_its_origin_for_the_csp_form_action() {
        assertThat(new Template("https://login.example.com:8443/oauth/authorize?x={y}").origin()).contains("https://login.example.com:8443");
        assertThat(new Template("https://github.com").origin()).contains("https://github.com");
    }

    @Test
    void an_authorization_url_with_a_placeholder_in_its_host_gives_no_origin() {
        assertThat(new Template("https://{subdomain}.zendesk.com/oauth/authorizations/new").origin()).isEmpty();
        assertThat(new Template("not a url").origin()).isEmpty();
    }
}
