package dev.latchkey.adapters.connectors;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connector file shipped with Latchkey, checked as the start-up does (private networks not allowed) and
 * against the auth schemes Latchkey discovers: a file naming a scheme that does not exist, or breaking its
 * scheme's rules, fails here and not only at start-up.
 */
class ConnectorContractTest {
    private static final Path CONNECTORS = Path.of("src/main/resources/connectors");

    private static final Path FIXTURES = Path.of("src/test/resources/connector-fixtures");
    private static final Map<String, AuthSchemePort> SCHEMES = discoveredSchemes();

    /** The auth schemes as Latchkey discovers them at start: every {@link AuthSchemePort} bean, none listed here by hand. */
    private static Map<String, AuthSchemePort> discoveredSchemes() {
        try (ApplicationContext context = ApplicationContext.builder().singletons(Clock.systemUTC()).start()) {
            Map<String, AuthSchemePort> byType = new TreeMap<>();
            for (AuthSchemePort scheme : context.getBeansOfType(AuthSchemePort.class)) {
                assertThat(byType.put(scheme.type(), scheme)).as("two schemes claim %s", scheme.type()).isNull();
            }
            return byType;
        }
    }

    @Test
    void every_connector_file_is_valid_https_only_named_by_its_slug_unique_and_fits_the_discovered_schemes() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, Path> slugs = contract(CONNECTORS, failures);

        assertThat(failures).as("invalid connector files:%n%s", String.join("\n", failures)).isEmpty();
        assertThat(slugs).as("connectors in the catalog").hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void the_discovered_schemes_are_the_declarative_kinds_and_those_with_code() {
        assertThat(SCHEMES).containsKeys("oauth2", "oauth2_client_credentials", "api_key", "basic", "github_app", "oauth1",
                "aws_sigv4", "jwt_bearer");
    }

    @Test
    void a_file_naming_an_unknown_scheme_or_breaking_its_scheme_s_rules_fails_the_contract() throws IOException {
        List<String> failures = new ArrayList<>();
        contract(FIXTURES, failures);

        assertThat(failures).containsExactlyInAnyOrder(
                "unknown-scheme.yaml: auth[0].type: 'oauth3' is not an auth scheme of this Latchkey",
                "oauth1-without-access-token-url.yaml: auth[0].access_token_url: is required",
                "oauth1-without-access-token-url.yaml: auth[0].signature_method: must be HMAC-SHA1 (the default), RSA-SHA1 or PLAINTEXT",
                "jwt-bearer-lifetime-too-long.yaml: auth[0].issuer: is required: the assertion's iss, such as \"{client_email}\" or \"{client_id}\"",
                "jwt-bearer-lifetime-too-long.yaml: auth[0].assertion_lifetime_seconds: must be a whole number of seconds, more than 0 and at most 3600",
                "base-url-value-no-scheme-keeps.yaml: api.base_url: uses {instance_url}, which no param, field or token_response value provides");
    }

    /** Every file of the folder checked as the start-up does, and against the discovered schemes; returns the slugs read. */
    private static Map<String, Path> contract(Path folder, List<String> failures) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);
        Map<String, Path> slugs = new HashMap<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (!fileName.endsWith(".yaml")) {
                failures.add(fileName + ": connector files are <slug>.yaml");
                continue;
            }
            String expectedSlug = fileName.substring(0, fileName.length() - ".yaml".length());
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object parsed;
            try {
                parsed = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            } catch (RuntimeException e) {
                failures.add(fileName + ": not valid YAML: " + e.getMessage());
                continue;
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                failures.add(fileName + ": must be a map");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) map;
            try {
                ConnectorDefinition definition = reader.read(source);
                if (!definition.slug().value().equals(expectedSlug)) {
                    failures.add(fileName + ": slug '" + definition.slug() + "' must equal the file name '" + expectedSlug + "'");
                }
                Path other = slugs.putIfAbsent(definition.slug().value(), file);
                if (other != null) {
                    failures.add(fileName + ": slug '" + definition.slug() + "' is also defined by " + other.getFileName());
                }
                fitsSchemes(definition).forEach(v -> failures.add(fileName + ": " + v.field() + ": " + v.message()));
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> failures.add(fileName + ": " + v.field() + ": " + v.message()));
            }
        }
        return slugs;
    }

    /**
     * Each auth entry names a discovered scheme, passes its scheme's own checks, and has capabilities it can describe; the
     * api.base_url's placeholders are each filled by a param or a value an entry's scheme keeps (its capabilities' tokenValues).
     */
    private static List<FieldViolation> fitsSchemes(ConnectorDefinition definition) {
        Violations v = new Violations();
        List<AuthCapabilities> capabilities = new ArrayList<>();
        for (int i = 0; i < definition.auth().size(); i++) {
            AuthMethod method = definition.auth().get(i);
            AuthSchemePort scheme = SCHEMES.get(method.type());
            if (scheme == null) {
                v.add("auth[" + i + "].type", "'" + method.type() + "' is not an auth scheme of this Latchkey");
                continue;
            }
            scheme.check(method, "auth[" + i + "]", v);
            if (v.isEmpty()) {
                AuthMethod checked = method;
                capabilities.add(v.check("auth[" + i + "]", () -> scheme.capabilities(checked)));
            }
        }
        if (v.isEmpty()) {
            definition.baseUrlValuesNotProvided(capabilities)
                    .forEach(name -> v.add("api.base_url", ConnectorDefinitionReader.unprovided(name)));
        }
        return v.all();
    }

    /**
     * The categories the shipped catalog uses, so a filter over them stays meaningful (a workspace's private connector
     * may use any lowercase word). Add a word here, and to CONNECTORS.md, when no existing one fits.
     */
    static final java.util.Set<String> CATEGORIES = java.util.Set.of("accounting", "ai", "analytics", "billing", "calendar", "chat",
            "ci", "cloud", "communication", "crm", "customer-data", "databases", "design", "developer", "documents", "e-signature",
            "ecommerce", "email", "expenses", "files", "finance", "forms", "git", "hosting", "hr", "issues", "marketing", "meetings",
            "messaging", "monitoring", "payments", "payroll", "productivity", "projects", "recruiting", "sales", "scheduling", "shipping", "sms",
            "spreadsheets", "storage", "support", "surveys", "tasks", "telephony", "ticketing", "time-tracking", "video");

    @Test
    void shipped_connectors_use_the_catalog_categories_and_hot_link_no_icon() {
        List<String> failures = new ArrayList<>();
        for (ConnectorDefinition definition : CatalogDocument.definitions()) {
            String slug = definition.slug().value();
            definition.categories().stream().filter(c -> !CATEGORIES.contains(c))
                    .forEach(c -> failures.add(slug + ".yaml: category '" + c + "' is not one of " + new java.util.TreeSet<>(CATEGORIES)));
            definition.iconUrl().ifPresent(url -> failures.add(slug + ".yaml: icon_url " + url + " would be hot-linked; "
                    + "shipped files name no icon_url: Latchkey serves /connectors/" + slug + "/icon.svg"));
        }

        assertThat(failures).as("connector files:%n%s", String.join("\n", failures)).isEmpty();
    }

    @Test
    void connector_files_ship_default_config_fields_whose_options_come_from_their_own_api() throws IOException {
        ConnectorDefinitionReader reader = new ConnectorDefinitionReader(false);
        Map<String, ConnectorDefinition> read = new HashMap<>();
        for (String slug : List.of("slack", "hubspot", "github")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(CONNECTORS.resolve(slug + ".yaml")));
            read.put(slug, reader.read(source));
        }

        assertThat(read.get("slack").configFields().field("channel")).hasValueSatisfying(f -> {
            assertThat(f.kind()).isInstanceOfSatisfying(dev.latchkey.domain.config.FieldKind.Select.class, s -> {
                assertThat(s.optionsFrom()).hasValueSatisfying(o -> {
                    assertThat(o.pathOnly()).isEqualTo("/conversations.list");
                    assertThat(o.next()).contains("/response_metadata/next_cursor");
                    assertThat(o.cursorParam()).contains("cursor");
                });
            });
        });
        assertThat(read.get("hubspot").configFields().fields()).extracting(f -> f.key()).containsExactly("pipeline", "include_archived");
        assertThat(read.get("github").configFields().field("repositories")).get().extracting(f -> f.kind().type()).isEqualTo("multi_select");
    }

    @Test
    void a_malformed_config_field_in_a_connector_file_is_named_by_its_path() {
        Map<String, Object> source = new HashMap<>(Map.of("slug", "acme", "name", "Acme", "categories", List.of("crm"),
                "icon_url", "https://acme.example/i.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", "https://api.acme.example"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "name", "X-Api-Key"))));
        source.put("config_fields", List.of(Map.of("key", "pick", "label", "Pick", "type", "select",
                "options_from", Map.of("path", "//evil.example/x", "items", "/items", "label", "/name", "value", "/id"))));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConnectorDefinitionReader(false).read(source))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
                        .containsExactly("config_fields[0].options_from.path"));
    }
}
