package dev.latchkey.adapters.web.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which identity-provider groups give which console role ({@code LATCHKEY_CONSOLE_ROLE_MAP}), such as
 * {@code owner=lk-owners,admin=lk-admins,support=lk-support,viewer=lk-viewers}: a role in every workspace.
 * {@code role@workspace=group} gives the role in the workspace of that name only (e.g.
 * {@code admin@acme=acme-platform}). A role may be named for several groups; a user in several
 * mapped groups gets the highest role that applies.
 */
public record ConsoleRoleMap(List<Entry> entries) {
    public static final String DEFAULT = "owner=lk-owners,admin=lk-admins,support=lk-support,viewer=lk-viewers";

    /** @param workspace the workspace name the role is limited to; empty: every workspace */
    public record Entry(ConsoleRole role, Optional<String> workspace, String group) {
        public Entry {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(group, "group");
        }
    }

    public ConsoleRoleMap {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("maps no group to a role");
        }
    }

    /** Parses {@code role[@workspace]=group,...}; the message names every bad entry. */
    public static ConsoleRoleMap parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Map<String, ConsoleRole> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String item : text.split(",")) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 1 || equals == trimmed.length() - 1) {
                problems.add("'" + trimmed + "' is not role=group");
                continue;
            }
            String group = trimmed.substring(equals + 1).strip();
            String left = trimmed.substring(0, equals).strip();
            int at = left.indexOf('@');
            Optional<String> workspace = at < 0 ? Optional.empty() : Optional.of(left.substring(at + 1).strip());
            if (workspace.isPresent() && workspace.get().isEmpty()) {
                problems.add("'" + trimmed + "' names no workspace after @");
                continue;
            }
            try {
                ConsoleRole role = ConsoleRole.parse(at < 0 ? left : left.substring(0, at).strip());
                String scope = group + workspace.map(w -> "@" + w).orElse("");
                ConsoleRole before = seen.put(scope, role);
                if (before != null && before != role) {
                    problems.add("the group '" + group + "' is mapped to both " + before.label() + " and " + role.label()
                            + workspace.map(w -> " in " + w).orElse(""));
                }
                entries.add(new Entry(role, workspace, group));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ConsoleRoleMap(entries);
    }

    /** The roles the groups give: the highest in every workspace, and the highest per named workspace. */
    public ConsoleGrants grantsOf(Collection<String> groups) {
        Optional<ConsoleRole> everywhere = Optional.empty();
        Map<String, ConsoleRole> byWorkspace = new HashMap<>();
        for (Entry entry : entries) {
            if (!groups.contains(entry.group())) {
                continue;
            }
            if (entry.workspace().isEmpty()) {
                everywhere = everywhere.filter(r -> r.compareTo(entry.role()) >= 0).or(() -> Optional.of(entry.role()));
            } else {
                byWorkspace.merge(entry.workspace().get(), entry.role(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return new ConsoleGrants(everywhere, byWorkspace);
    }
}
