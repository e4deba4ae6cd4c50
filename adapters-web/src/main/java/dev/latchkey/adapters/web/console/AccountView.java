package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ConfigSummary;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One linked account: its connections (status, last refresh, the provider's last error in its own
 * words, created; each linking to its activity and offering a reconnect link) and its stored configs
 * (secrets masked by the use case). {@code link}: a reconnect link just made, to copy.
 */
public record AccountView(String workspaceName, String accountId, String name, String createdAt, List<ConnectionRow> connections,
                          List<ConfigRow> configs, String activityHref, @Nullable Link link) implements ConsoleView {
    public record ConnectionRow(String id, String connector, String status, String identifier, String lastRefreshedAt, String lastError,
                                String createdAt, String activityHref, String reconnectAction) {
    }

    public record ConfigRow(String connector, String configId, String values, String updatedAt) {
    }

    /** A reconnect link just made: its URL (a secret until used) and when it expires. */
    public record Link(String connector, String url, String expiresAt) {
        @Override
        public String toString() {
            return "Link[" + connector + "]";
        }
    }

    static AccountView of(Workspace workspace, LinkedAccount account, List<Connection> connections, List<ConfigSummary> configs,
                          @Nullable Link link) {
        String ws = ConsolePaths.workspace(workspace.id().toString());
        String accountHref = ws + "/accounts/" + AccountsView.encode(account.id().value());
        List<ConnectionRow> rows = connections.stream().map(c -> new ConnectionRow(c.id().toString(), c.connector().value(), c.status().label(),
                c.identifier().orElse(ConsoleFormat.NONE), ConsoleFormat.time(c.lastRefreshedAt()), c.lastError().orElse(ConsoleFormat.NONE),
                ConsoleFormat.time(c.createdAt()), ws + "/activity?connection_id=" + c.id(), accountHref + "/reconnect-links")).toList();
        List<ConfigRow> configRows = configs.stream().map(c -> new ConfigRow(c.connector().value(), c.configId().toString(),
                c.values().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")),
                ConsoleFormat.time(c.updatedAt()))).toList();
        return new AccountView(workspace.name().value(), account.id().value(), account.name().map(AccountName::value).orElse(ConsoleFormat.NONE),
                ConsoleFormat.time(account.createdAt()), rows, configRows, ws + "/activity?linked_account_id=" + AccountsView.encode(account.id().value()),
                link);
    }

    @Override
    public String template() {
        return "account";
    }

    @Override
    public String title() {
        return accountId + " · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("account_id", accountId);
        model.put("name", name);
        model.put("created_at", createdAt);
        model.put("activity_href", activityHref);
        model.put("connections", connections.stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("connector", c.connector());
            row.put("status", c.status());
            row.put("identifier", c.identifier());
            row.put("last_refreshed_at", c.lastRefreshedAt());
            row.put("last_error", c.lastError());
            row.put("created_at", c.createdAt());
            row.put("activity_href", c.activityHref());
            row.put("reconnect_action", c.reconnectAction());
            return row;
        }).toList());
        model.put("configs", configs.stream().map(c -> Map.of("connector", c.connector(), "config_id", c.configId(), "values", c.values(),
                "updated_at", c.updatedAt())).toList());
        model.put("link", link == null ? null : Map.of("connector", link.connector(), "url", link.url(), "expires_at", link.expiresAt()));
        return model;
    }

    @Override
    public String toString() {
        return "AccountView[" + accountId + "]";
    }
}
