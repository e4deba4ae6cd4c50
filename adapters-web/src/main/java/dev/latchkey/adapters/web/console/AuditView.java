package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/** One page of the workspace's audit log, the filters as given, what was wrong with them, and the export link for them. */
public record AuditView(String workspaceName, Map<String, String> filters, List<Row> entries, @Nullable String olderHref, String exportHref,
                        List<String> problems) implements ConsoleView {
    public record Row(String at, String actorKind, String actor, String actorFilterHref, String action, String target, String status,
                      String outcome, String clientAddress, String requestId) {
    }

    static AuditView of(Workspace workspace, Map<String, String> filters, Page<AuditEntry> page, List<String> problems) {
        String base = ConsolePaths.workspace(workspace.id().toString()) + "/audit";
        String query = filters.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + AccountsView.encode(e.getValue())).collect(Collectors.joining("&"));
        String older = page.nextCursor().map(c -> base + "?" + (query.isEmpty() ? "" : query + "&") + "cursor=" + AccountsView.encode(c))
                .orElse(null);
        List<Row> rows = page.items().stream().map(e -> {
            String who = e.actor().label().map(label -> label + e.actor().id().map(id -> " (" + id + ")").orElse(""))
                    .or(() -> e.actor().id()).orElse(ConsoleFormat.NONE);
            String actorFilter = e.actor().kind() + e.actor().id().map(id -> ":" + id).orElse("");
            String target = e.target().path().orElse("")
                    + (e.target().ids().isEmpty() ? "" : " " + e.target().ids().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(i -> i.getKey() + "=" + i.getValue()).collect(Collectors.joining(", ")));
            return new Row(ConsoleFormat.time(e.at()), e.actor().kind(), who, base + "?actor=" + AccountsView.encode(actorFilter), e.action(),
                    target.isBlank() ? ConsoleFormat.NONE : target.strip(), String.valueOf(e.status()), e.outcome().wireName(),
                    e.clientAddress().orElse(ConsoleFormat.NONE), e.requestId().orElse(ConsoleFormat.NONE));
        }).toList();
        return new AuditView(workspace.name().value(), filters, rows, older, base + "/export" + (query.isEmpty() ? "" : "?" + query),
                List.copyOf(problems));
    }

    @Override
    public String template() {
        return "audit";
    }

    @Override
    public String title() {
        return "Audit log · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("entries", entries.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", r.at());
            row.put("actor_kind", r.actorKind());
            row.put("actor", r.actor());
            row.put("actor_href", r.actorFilterHref());
            row.put("action", r.action());
            row.put("target", r.target());
            row.put("status", r.status());
            row.put("outcome", r.outcome());
            row.put("client_address", r.clientAddress());
            row.put("request_id", r.requestId());
            return row;
        }).toList());
        model.put("older_href", olderHref);
        model.put("export_href", exportHref);
        model.put("problems", problems);
        return model;
    }
}
