package dev.latchkey.adapters.connectors;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector files that wait for their schemes' registration (src/test/resources/pending-connectors),
 * read as the start-up reads shipped files, https only; their scheme settings are what the scheme core
 * (sigv4) needs. When the schemes are registered, the files move to src/main/resources/connectors
 * and ConnectorContractTest takes over.
 */
class PendingConnectorFilesTest {
    private static final Path PENDING = Path.of("src/test/resources/pending-connectors");
    @Test
    void every_pending_file_is_a_valid_definition_of_its_slug_with_the_settings_its_scheme_needs() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(PENDING)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("aws-bedrock.yaml", "aws-s3.yaml", "aws-ses.yaml");
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String slug = file.getFileName().toString().replace(".yaml", "");
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            ConnectorDefinition definition;
            try {
                definition = new ConnectorDefinitionReader(false).read(map);
            } catch (InvalidInputException e) {
                failures.add(slug + ": " + e.getMessage());
                continue;
            }
            assertThat(definition.slug().value()).isEqualTo(slug);
            AuthMethod.Custom auth = (AuthMethod.Custom) definition.auth().get(0);
            switch (auth.type()) {
                case "aws_sigv4" -> {
                    assertThat(auth.settings()).containsKeys("service", "region");
                    assertThat(auth.fields()).extracting(f -> f.name()).containsExactly("access_key_id", "secret_access_key", "session_token");
                    assertThat(auth.settings().getOrDefault("unsigned_payload", false)).isEqualTo(slug.equals("aws-s3"));
                }
                default -> failures.add(slug + ": unexpected scheme " + auth.type());
            }
        }
        assertThat(failures).isEmpty();
    }
}
