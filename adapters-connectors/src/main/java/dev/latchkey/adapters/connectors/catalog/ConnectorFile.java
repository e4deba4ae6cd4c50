package dev.latchkey.adapters.connectors.catalog;

import java.util.Locale;

/**
 * One connector definition file as found.
 *
 * @param location where it was found, for messages (a path, or {@code app.jar!/connectors/x.yaml})
 * @param fileName its name, such as {@code zendesk.yaml}
 * @param content  its text
 * @param builtIn  whether it ships with Latchkey (on the classpath), not added by the operator
 */
record ConnectorFile(String location, String fileName, String content, boolean builtIn) {

    static boolean isDefinition(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    /** The file name without its extension: what the slug must be. */
    String baseName() {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    boolean isJson() {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    @Override
    public String toString() {
        return location;
    }
}
