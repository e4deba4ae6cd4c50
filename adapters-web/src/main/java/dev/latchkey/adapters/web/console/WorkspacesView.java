package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.workspace.Workspace;

import java.util.List;
import java.util.Map;

/** Every workspace, each linking to its pages. */
public record WorkspacesView(List<Row> workspaces) implements ConsoleView {
    public record Row(String id, String name, String environment, String createdAt, String href) {
        static Row of(Workspace w) {
            return new Row(w.id().toString(), w.name().value(), w.environment().name().toLowerCase(java.util.Locale.ROOT),
                    ConsoleFormat.time(w.createdAt()), ConsolePaths.workspace(w.id().toString()));
        }
    }

    @Override
    public String template() {
        return "workspaces";
    }

    @Override
    public String title() {
        return "Workspaces";
    }

    @Override
    public Map<String, Object> toModel() {
        return Map.of("workspaces", workspaces.stream().map(w -> Map.of("id", w.id(), "name", w.name(), "environment", w.environment(),
                "created_at", w.createdAt(), "href", w.href())).toList());
    }
}
