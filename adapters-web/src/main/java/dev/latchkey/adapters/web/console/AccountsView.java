package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One page of a workspace's linked accounts, found by id or name prefix. */
public record AccountsView(String workspaceName, String search, List<Row> accounts, @Nullable String nextHref) implements ConsoleView {
    public record Row(String id, String name, String createdAt, String href) {
    }

    static AccountsView of(Workspace workspace, String search, Page<LinkedAccount> page) {
        String base = ConsolePaths.workspace(workspace.id().toString()) + "/accounts";
        List<Row> rows = page.items().stream().map(a -> new Row(a.id().value(), a.name().map(AccountName::value).orElse(ConsoleFormat.NONE),
                ConsoleFormat.time(a.createdAt()), base + "/" + encode(a.id().value()))).toList();
        String next = page.nextCursor().map(c -> base + "?search=" + encode(search) + "&cursor=" + encode(c)).orElse(null);
        return new AccountsView(workspace.name().value(), search, rows, next);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String template() {
        return "accounts";
    }

    @Override
    public String title() {
        return "Linked accounts · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("search", search);
        model.put("accounts", accounts.stream().map(a -> Map.of("id", a.id(), "name", a.name(), "created_at", a.createdAt(), "href", a.href()))
                .toList());
        model.put("next_href", nextHref);
        return model;
    }
}
