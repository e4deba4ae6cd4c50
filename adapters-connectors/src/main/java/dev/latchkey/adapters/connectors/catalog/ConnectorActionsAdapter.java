package dev.latchkey.adapters.connectors.catalog;

import dev.latchkey.application.port.out.ConnectorActionsPort;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.agent.ConnectorAction;
import dev.latchkey.domain.agent.ConnectorActionsReader;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code actions} of the connector files (the same files as {@link ConnectorCatalogAdapter}'s), read
 * once at construction; a bad action stops the start with every problem listed, as a bad file does.
 * Apart from the catalog on purpose: only the MCP server reads actions. A file that is not readable at
 * all is the catalog's to report; here it has no actions.
 */
@Singleton
public final class ConnectorActionsAdapter implements ConnectorActionsPort {
    private final Map<ConnectorSlug, List<ConnectorAction>> actions;

    @Inject
    public ConnectorActionsAdapter(JsonMapper json, @Value("${latchkey.connectors-dir:}") String connectorsDir) {
        this(json, files(connectorsDir == null || connectorsDir.isBlank() ? Optional.empty() : Optional.of(Path.of(connectorsDir))));
    }

    ConnectorActionsAdapter(JsonMapper json, List<ConnectorFile> files) {
        List<String> problems = new ArrayList<>();
        Map<ConnectorSlug, List<ConnectorAction>> found = new LinkedHashMap<>();
        for (ConnectorFile file : files) {
            Map<String, Object> source = parse(json, file);
            if (source == null || !(source.get("slug") instanceof String slug)) {
                continue;
            }
            try {
                List<ConnectorAction> declared = ConnectorActionsReader.read(source);
                if (!declared.isEmpty()) {
                    found.putIfAbsent(new ConnectorSlug(slug), declared);
                }
            } catch (InvalidInputException e) {
                for (FieldViolation violation : e.violations()) {
                    problems.add(file.location() + ": " + violation.field() + ": " + violation.message());
                }
            } catch (IllegalArgumentException e) {
                // A bad slug: the catalog reports it.
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConnectorsException(problems);
        }
        this.actions = Map.copyOf(found);
    }

    @Override
    public Map<ConnectorSlug, List<ConnectorAction>> all() {
        return actions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(JsonMapper json, ConnectorFile file) {
        try {
            Object parsed;
            if (file.isJson()) {
                parsed = json.readValue(file.content(), Argument.OBJECT_ARGUMENT);
            } else {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                parsed = new Yaml(new SafeConstructor(options)).load(file.content());
            }
            return parsed instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)
                    ? (Map<String, Object>) map : null;
        } catch (YAMLException | IOException e) {
            return null;
        }
    }

    private static List<ConnectorFile> files(Optional<Path> connectorsDir) {
        CodeSource source = ConnectorActionsAdapter.class.getProtectionDomain().getCodeSource();
        Optional<URL> own = source == null || source.getLocation() == null || !source.getLocation().getProtocol().equals("file")
                ? Optional.empty() : Optional.of(source.getLocation());
        List<ConnectorFile> files = new ArrayList<>(ConnectorFiles.onClasspath(ConnectorActionsAdapter.class.getClassLoader(),
                ConnectorCatalogAdapter.FOLDER, own));
        connectorsDir.ifPresent(dir -> files.addAll(ConnectorFiles.inDirectory(dir)));
        return files;
    }
}
