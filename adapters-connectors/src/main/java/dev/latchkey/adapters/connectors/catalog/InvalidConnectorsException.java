package dev.latchkey.adapters.connectors.catalog;

import java.util.List;

/** Connector files that cannot be loaded: every problem of every file, each naming the file and the field. */
public final class InvalidConnectorsException extends IllegalStateException {
    private final transient List<String> problems;

    public InvalidConnectorsException(List<String> problems) {
        super("Connector definitions are invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "); fix or remove these files:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem: {@code <file>: <field path>: <what is wrong>}. */
    public List<String> problems() {
        return problems;
    }
}
