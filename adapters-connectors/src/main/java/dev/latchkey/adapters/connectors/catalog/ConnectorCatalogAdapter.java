package dev.latchkey.adapters.connectors.catalog;

import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
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
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog: the built-in connectors (every {@code connectors/*.yaml} on the classpath), plus every
 * {@code *.yaml}, {@code *.yml} and {@code *.json} in {@code latchkey.connectors-dir} (the operator's). Loaded and
 * checked once, at construction: a bad file, a slug other than the file name or a slug defined
 * twice stops the start with an {@link InvalidConnectorsException} listing every problem.
 */
@Singleton
public final class ConnectorCatalogAdapter implements ConnectorCatalogPort {
    static final String FOLDER = "connectors";

    private final List<ConnectorDefinition> all;
    private final Map<ConnectorSlug, ConnectorDefinition> bySlug;
    private final Set<ConnectorSlug> builtIn;

    @Inject
    public ConnectorCatalogAdapter(JsonMapper json,
                                   @Value("${latchkey.allow-private-network:false}") boolean allowPrivateNetwork,
                                   @Value("${latchkey.connectors-dir:}") String connectorsDir) {
        this(json, allowPrivateNetwork, connectorsDir == null || connectorsDir.isBlank() ? Optional.empty() : Optional.of(Path.of(connectorsDir)));
    }

    /** The files shipped with Latchkey, plus those in {@code connectorsDir}. */
    public ConnectorCatalogAdapter(JsonMapper json, boolean allowPrivateNetwork, Optional<Path> connectorsDir) {
        this(json, allowPrivateNetwork, files(ConnectorCatalogAdapter.class.getClassLoader(), ownCodeSource(), connectorsDir));
    }

    ConnectorCatalogAdapter(JsonMapper json, boolean allowPrivateNetwork, List<ConnectorFile> files) {
        List<String> problems = new ArrayList<>();
        ConnectorDefinitionReader reader = new ConnectorDefinitionReader(allowPrivateNetwork);
        Map<ConnectorSlug, ConnectorFile> origin = new LinkedHashMap<>();
        Map<ConnectorSlug, ConnectorDefinition> definitions = new LinkedHashMap<>();
        Set<ConnectorSlug> shipped = new HashSet<>();
        for (ConnectorFile file : files) {
            Optional<ConnectorDefinition> read = read(json, reader, file, problems);
            if (read.isEmpty()) {
                continue;
            }
            ConnectorDefinition definition = read.get();
            ConnectorFile first = origin.putIfAbsent(definition.slug(), file);
            if (first != null) {
                problems.add(file.location() + ": slug: '" + definition.slug() + "' is already defined by " + first.location()
                        + "; a slug is defined once (choose another slug and file name for a private connector)");
            } else {
                definitions.put(definition.slug(), definition);
                if (file.builtIn()) {
                    shipped.add(definition.slug());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConnectorsException(problems);
        }
        this.all = definitions.values().stream().sorted(Comparator.comparing(d -> d.slug().value())).toList();
        this.bySlug = Map.copyOf(definitions);
        this.builtIn = Set.copyOf(shipped);
    }

    @Override
    public List<ConnectorDefinition> all() {
        return all;
    }

    @Override
    public Optional<ConnectorDefinition> find(ConnectorSlug slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    @Override
    public boolean builtIn(ConnectorSlug slug) {
        return builtIn.contains(slug);
    }

    private static Optional<ConnectorDefinition> read(JsonMapper json, ConnectorDefinitionReader reader, ConnectorFile file,
                                                      List<String> problems) {
        Map<String, Object> source;
        try {
            source = parse(json, file);
        } catch (YAMLException | IOException e) {
            problems.add(file.location() + ": definition: is not valid " + (file.isJson() ? "JSON" : "YAML") + ": "
                    + oneLine(e.getMessage()));
            return Optional.empty();
        }
        if (source == null) {
            problems.add(file.location() + ": definition: must be a map of keys (slug, name, auth...)");
            return Optional.empty();
        }
        boolean slugMatches = true;
        if (source.get("slug") instanceof String slug && !slug.equals(file.baseName())) {
            problems.add(file.location() + ": slug: must equal the file name '" + file.baseName() + "' (got '" + slug + "')");
            slugMatches = false;
        }
        try {
            ConnectorDefinition definition = reader.read(source);
            return slugMatches ? Optional.of(definition) : Optional.empty();
        } catch (InvalidInputException e) {
            for (FieldViolation violation : e.violations()) {
                problems.add(file.location() + ": " + violation.field() + ": " + violation.message());
            }
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(JsonMapper json, ConnectorFile file) throws IOException {
        Object parsed;
        if (file.isJson()) {
            parsed = json.readValue(file.content(), Argument.OBJECT_ARGUMENT);
        } else {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            parsed = new Yaml(new SafeConstructor(options)).load(file.content());
        }
        if (!(parsed instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(String.class::isInstance)) {
            return null;
        }
        return (Map<String, Object>) map;
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static List<ConnectorFile> files(ClassLoader loader, Optional<URL> codeSource, Optional<Path> connectorsDir) {
        List<ConnectorFile> files = new ArrayList<>(ConnectorFiles.onClasspath(loader, FOLDER, codeSource));
        connectorsDir.ifPresent(dir -> files.addAll(ConnectorFiles.inDirectory(dir)));
        return files;
    }

    private static Optional<URL> ownCodeSource() {
        CodeSource source = ConnectorCatalogAdapter.class.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null || !source.getLocation().getProtocol().equals("file")
                ? Optional.empty() : Optional.of(source.getLocation());
    }

    /** For tests: the files of a folder on a given class loader, plus a directory. */
    static ConnectorCatalogAdapter of(JsonMapper json, boolean allowPrivateNetwork, ClassLoader loader, Optional<Path> connectorsDir) {
        return new ConnectorCatalogAdapter(json, allowPrivateNetwork, files(loader, Optional.empty(), connectorsDir));
    }
}
