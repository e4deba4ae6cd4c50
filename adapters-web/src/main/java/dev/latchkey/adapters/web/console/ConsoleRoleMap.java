package dev.latchkey.adapters.web.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which identity-provider groups give which console role ({@code LATCHKEY_CONSOLE_ROLE_MAP}), such as
 * {@code owner=lk-owners,admin=lk-admins,support=lk-support,viewer=lk-viewers}. A role may be named
 * more than once (several groups give it); a user in several mapped groups gets the highest role.
 */
public record ConsoleRoleMap(Map<String, ConsoleRole> roleOfGroup) {
    public static final String DEFAULT = "owner=lk-owners,admin=lk-admins,support=lk-support,viewer=lk-viewers";

    public ConsoleRoleMap {
        roleOfGroup = Map.copyOf(roleOfGroup);
        if (roleOfGroup.isEmpty()) {
            throw new IllegalArgumentException("maps no group to a role");
        }
    }

    /** Parses {@code role=group,...}; the message names every bad entry. */
    public static ConsoleRoleMap parse(String text) {
        Map<String, ConsoleRole> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 1 || equals == trimmed.length() - 1) {
                problems.add("'" + trimmed + "' is not role=group");
                continue;
            }
            String group = trimmed.substring(equals + 1).strip();
            try {
                ConsoleRole role = ConsoleRole.parse(trimmed.substring(0, equals).strip());
                ConsoleRole before = map.put(group, role);
                if (before != null && before != role) {
                    problems.add("the group '" + group + "' is mapped to both " + before.label() + " and " + role.label());
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ConsoleRoleMap(map);
    }

    /** The highest role the groups give, if any does. */
    public Optional<ConsoleRole> roleOf(Collection<String> groups) {
        return groups.stream().map(roleOfGroup::get).filter(java.util.Objects::nonNull).max(Enum::compareTo);
    }
}
