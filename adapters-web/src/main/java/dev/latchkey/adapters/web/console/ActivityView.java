package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One page of the activity log, the filters as given, and what was wrong with them. */
public record ActivityView(String workspaceName, Map<String, String> filters, List<Row> records, @Nullable String nextHref,
                           List<String> problems) implements ConsoleView {
    public record Row(String at, String kind, String account, String accountHref, String connector, String call, String status,
                      String problemCode, String durationMs, String error) {
    }

    static ActivityView of(Workspace workspace, Map<String, String> filters, Page<LoggedActivity> page, List<String> problems) {
        String ws = ConsolePaths.workspace(workspace.id().toString());
        List<Row> rows = page.items().stream().map(LoggedActivity::activity).map(a -> row(ws, a)).toList();
        String query = filters.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + AccountsView.encode(e.getValue())).collect(Collectors.joining("&"));
        String next = page.nextCursor().map(c -> ws + "/activity?" + (query.isEmpty() ? "" : query + "&") + "cursor=" + AccountsView.encode(c))
                .orElse(null);
        return new ActivityView(workspace.name().value(), filters, rows, next, problems);
    }

    private static Row row(String ws, Activity a) {
        String status = a.status().isPresent() ? String.valueOf(a.status().getAsInt()) : ConsoleFormat.NONE;
        if (a.providerStatus().isPresent()) {
            status += " (provider " + a.providerStatus().getAsInt() + ")";
        }
        String call = a.method().map(m -> m + " ").orElse("") + a.path().orElse("");
        return new Row(ConsoleFormat.time(a.at()), a.kind().wireName(), a.linkedAccount().map(Object::toString).orElse(ConsoleFormat.NONE),
                a.linkedAccount().map(id -> ws + "/accounts/" + AccountsView.encode(id.value())).orElse(null),
                a.connector().map(Object::toString).orElse(ConsoleFormat.NONE), call.isBlank() ? ConsoleFormat.NONE : call, status,
                a.problemCode().orElse(ConsoleFormat.NONE), String.valueOf(a.duration().toMillis()), a.error().orElse(ConsoleFormat.NONE));
    }

    @Override
    public String template() {
        return "activity";
    }

    @Override
    public String title() {
        return "Activity · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("records", records.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", r.at());
            row.put("kind", r.kind());
            row.put("account", r.account());
            row.put("account_href", r.accountHref());
            row.put("connector", r.connector());
            row.put("call", r.call());
            row.put("status", r.status());
            row.put("problem_code", r.problemCode());
            row.put("duration_ms", r.durationMs());
            row.put("error", r.error());
            return row;
        }).toList());
        model.put("next_href", nextHref);
        model.put("problems", problems);
        return model;
    }
}
