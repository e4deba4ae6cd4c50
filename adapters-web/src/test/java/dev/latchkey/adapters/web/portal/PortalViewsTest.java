package dev.latchkey.adapters.web.portal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The view records hand the templates exactly the names they read. */
class PortalViewsTest {
    @Test
    void a_secret_input_is_a_password_field_that_never_gets_its_submitted_value_back() {
        FormFieldView field = FormFieldView.of("credentials.api_key", "API key", true, true, Optional.empty(),
                Map.of(), Map.of("credentials.api_key", "sk_live_123"));

        assertThat(field.toModel()).contains(entry("type", "password"), entry("input_name", "credentials.api_key"),
                entry("id", "field-credentials-api_key"), entry("value", null));
    }

    @Test
    void a_plain_input_keeps_its_value_and_names_its_help_and_error_for_screen_readers() {
        FormFieldView field = FormFieldView.of("params.subdomain", "Subdomain", false, true, Optional.of("Your Zendesk subdomain"),
                Map.of("params.subdomain", "is required"), Map.of("params.subdomain", "acme"));

        assertThat(field.toModel()).contains(entry("type", "text"), entry("value", "acme"), entry("error", "is required"),
                entry("help", "Your Zendesk subdomain"), entry("describedby", "field-params-subdomain-help field-params-subdomain-error"));
    }

    @Test
    void an_input_without_help_or_error_describes_nothing() {
        assertThat(FormFieldView.of("params.x", "X", false, false, Optional.empty(), Map.of(), Map.of()).toModel())
                .contains(entry("describedby", null), entry("help", null), entry("error", null), entry("required", false));
    }

    @Test
    void a_connect_result_has_every_field_in_order_and_no_config_id() {
        Map<String, Object> result = PortalResult.connect("connected", "hubspot", "c-1", null).toModel();

        assertThat(result.keySet()).containsExactly("type", "status", "connector", "connection_id", "error");
        assertThat(result).contains(entry("type", "connect_result"), entry("status", "connected"), entry("connection_id", "c-1"),
                entry("error", null));
    }

    @Test
    void a_saved_config_result_names_the_config() {
        Map<String, Object> result = PortalResult.configSaved("hubspot", "crm").toModel();

        assertThat(result.keySet()).containsExactly("type", "status", "connector", "connection_id", "error", "config_id");
        assertThat(result).contains(entry("type", "config_result"), entry("status", "config_saved"), entry("config_id", "crm"));
    }

    @Test
    void a_refused_config_result_says_invalid_config_without_a_config_id() {
        assertThat(PortalResult.configRejected("hubspot").toModel()).containsExactly(entry("type", "config_result"),
                entry("status", "error"), entry("connector", "hubspot"), entry("connection_id", null), entry("error", "invalid_config"));
    }

    @Test
    void a_message_page_without_a_way_back_shows_no_back_link() {
        MessageView view = MessageView.of("Session expired", "Open the link again.");

        assertThat(view.template()).isEqualTo("message");
        assertThat(view.toModel()).contains(entry("title", "Session expired"), entry("text", "Open the link again."),
                entry("back_url", null), entry("back_text", null), entry("detail", null), entry("result", null));
    }

    @Test
    void a_message_page_with_a_way_back_links_it() {
        assertThat(new MessageView("Forbidden", "Try again.", "/portal", "All apps").toModel())
                .contains(entry("back_url", "/portal"), entry("back_text", "All apps"));
    }

    @Test
    void the_connect_form_button_says_what_its_title_says() {
        ConnectFormView form = new ConnectFormView("/portal/apps/github/connect", true, "oauth2", false, "Connect GitHub", "help", null,
                List.of(FormFieldView.of("params.org", "Org", false, false, Optional.empty(), Map.of(), Map.of())));

        Map<String, Object> model = form.toModel();
        assertThat(model).contains(entry("button", "Connect GitHub"), entry("title", "Connect GitHub"), entry("oauth", true),
                entry("auth_type", "oauth2"), entry("error", null));
        assertThat((List<?>) model.get("fields")).hasSize(1);
    }

    @Test
    void a_config_error_links_to_its_field_and_says_which_one() {
        ConfigFormView.ConfigError error = ConfigFormView.ConfigError.of("tiers.map.gold", "Tiers", "must be chosen");

        assertThat(error).isEqualTo(new ConfigFormView.ConfigError("config-tiers-map-gold", "Tiers: must be chosen"));
        assertThat(new ConfigFormView("/a", false, List.of(), "Fix these", List.of(error)).toModel().get("errors"))
                .isEqualTo(List.of(Map.of("id", "config-tiers-map-gold", "text", "Tiers: must be chosen")));
    }

    @Test
    void the_confirm_page_posts_its_form_with_the_csrf_token() {
        ConfirmDisconnectView view = new ConfirmDisconnectView(Map.of("k", "v"), "ops@acme.com", "token", "/portal/apps/a/connections/c/disconnect",
                "/portal/apps/a");

        assertThat(view.template()).isEqualTo("confirm");
        assertThat(view.toModel()).contains(entry("csrf", "token"), entry("action", "/portal/apps/a/connections/c/disconnect"),
                entry("cancel_href", "/portal/apps/a"), entry("label", "ops@acme.com"), entry("t", Map.of("k", "v")));
    }

    @Test
    void a_status_message_is_ok_or_error_for_the_alert_style() {
        assertThat(StatusMessage.ok("Connected").toModel()).isEqualTo(Map.of("kind", "ok", "text", "Connected"));
        assertThat(StatusMessage.error("Failed").toModel()).isEqualTo(Map.of("kind", "error", "text", "Failed"));
    }
}
