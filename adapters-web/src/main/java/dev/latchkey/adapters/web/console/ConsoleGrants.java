package dev.latchkey.adapters.web.console;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The console roles a user holds: one in every workspace ({@code admin=group}), and per workspace
 * ({@code admin@acme=group}, by workspace name). In a workspace the user has the higher of the two.
 */
public record ConsoleGrants(Optional<ConsoleRole> everywhere, Map<String, ConsoleRole> byWorkspace) {
    public ConsoleGrants {
        Objects.requireNonNull(everywhere, "everywhere");
        byWorkspace = Map.copyOf(byWorkspace);
    }

    public static ConsoleGrants everywhere(ConsoleRole role) {
        return new ConsoleGrants(Optional.of(role), Map.of());
    }

    /** No role anywhere: the user is refused the console. */
    public boolean isEmpty() {
        return everywhere.isEmpty() && byWorkspace.isEmpty();
    }

    /** The role in the workspace of this name, if any. */
    public Optional<ConsoleRole> in(String workspaceName) {
        return Stream.concat(everywhere.stream(), Optional.ofNullable(byWorkspace.get(workspaceName)).stream()).max(Enum::compareTo);
    }

    /** How the roles read: {@code admin}, or {@code viewer, admin in acme}. */
    public String describe() {
        return Stream.concat(everywhere.map(ConsoleRole::label).stream(),
                byWorkspace.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().label() + " in " + e.getKey()))
                .collect(Collectors.joining(", "));
    }
}
