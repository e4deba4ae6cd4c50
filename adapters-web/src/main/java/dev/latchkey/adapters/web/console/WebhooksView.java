package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace's webhook endpoints, each with its latest deliveries (the endpoint's status code and
 * the start of its answer); the forms that add an endpoint, rotate its signing secret and remove it;
 * and a signing secret just made, shown this once.
 *
 * @param secret the endpoint whose signing secret was just made (created or rotated), with it; never on another page
 * @param form what the add form holds (what was sent, when it was refused)
 */
public record WebhooksView(String workspaceName, List<Endpoint> endpoints, boolean redelivered, boolean deleted, @Nullable Secret secret,
                           List<String> problems, Map<String, String> form) implements ConsoleView {
    public record Endpoint(String id, String url, String events, String createdAt, List<Delivery> deliveries, String rotateAction,
                           String deleteAction) {
    }

    public record Delivery(String id, String eventType, String eventId, String status, String attempts, String lastStatusCode,
                           String lastError, String responseExcerpt, String deliveredAt, String createdAt, String redeliverAction) {
    }

    /** A signing secret just made: {@code created} or {@code rotated}. */
    public record Secret(String endpointUrl, String what, String value) {
        @Override
        public String toString() {
            return "Secret[" + endpointUrl + ", " + what + "]";
        }
    }

    static WebhooksView of(Workspace workspace, List<Map.Entry<WebhookEndpoint, List<WebhookDelivery>>> endpoints, boolean redelivered,
                           boolean deleted, @Nullable Secret secret, List<String> problems, Map<String, String> form) {
        String base = ConsolePaths.workspace(workspace.id().toString()) + "/webhooks/";
        return new WebhooksView(workspace.name().value(), endpoints.stream().map(entry -> {
            WebhookEndpoint e = entry.getKey();
            return new Endpoint(e.id().toString(), e.url().toString(), String.join(", ", e.events()), ConsoleFormat.time(e.createdAt()),
                    entry.getValue().stream().map(d -> new Delivery(d.id().toString(), d.eventType(), d.eventId(), d.status().label(),
                            String.valueOf(d.attempts()), d.lastStatusCode().map(String::valueOf).orElse(ConsoleFormat.NONE),
                            d.lastError().orElse(ConsoleFormat.NONE), d.lastResponseExcerpt().orElse(""),
                            ConsoleFormat.time(d.deliveredAt()), ConsoleFormat.time(d.createdAt()),
                            base + e.id() + "/deliveries/" + d.id() + "/redeliver")).toList(),
                    base + e.id() + "/rotate-secret", base + e.id() + "/delete");
        }).toList(), redelivered, deleted, secret, List.copyOf(problems), Map.copyOf(form));
    }

    @Override
    public String template() {
        return "webhooks";
    }

    @Override
    public String title() {
        return "Webhooks · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("redelivered", redelivered);
        model.put("deleted", deleted);
        model.put("problems", problems);
        model.put("form_url", form.getOrDefault("url", ""));
        model.put("form_events", form.getOrDefault("events", "*"));
        model.put("secret", secret == null ? null : Map.of("endpoint_url", secret.endpointUrl(), "what", secret.what(), "value", secret.value()));
        model.put("endpoints", endpoints.stream().map(e -> {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("id", e.id());
            endpoint.put("url", e.url());
            endpoint.put("events", e.events());
            endpoint.put("created_at", e.createdAt());
            endpoint.put("rotate_action", e.rotateAction());
            endpoint.put("delete_action", e.deleteAction());
            endpoint.put("deliveries", e.deliveries().stream().map(d -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", d.id());
                row.put("event_type", d.eventType());
                row.put("event_id", d.eventId());
                row.put("status", d.status());
                row.put("attempts", d.attempts());
                row.put("last_status_code", d.lastStatusCode());
                row.put("last_error", d.lastError());
                row.put("response_excerpt", d.responseExcerpt());
                row.put("delivered_at", d.deliveredAt());
                row.put("created_at", d.createdAt());
                row.put("redeliver_action", d.redeliverAction());
                return row;
            }).toList());
            return endpoint;
        }).toList());
        return model;
    }

    @Override
    public String toString() {
        return "WebhooksView[" + workspaceName + ", " + endpoints.size() + " endpoints]";
    }
}
