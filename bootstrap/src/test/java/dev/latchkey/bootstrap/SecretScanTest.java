package dev.latchkey.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan that NoSecretInLogExtension runs after each class finds a planted secret wherever an event carries it. */
class SecretScanTest {
    private static final String PLANTED = "lk_test_planted0123456789abcdef";
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.latchkey.bootstrap.SecretScanTest.planted");
    private final LogCapture capture = new LogCapture();

    @BeforeEach
    void attach() {
        capture.setContext(logger.getLoggerContext());
        capture.attachTo(logger);
        logger.setAdditive(false); // the planted secret stays out of the suite's capture and the console
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(capture);
        logger.setLevel(null);
        logger.setAdditive(true);
        capture.stop();
    }

    @Test
    void a_secret_is_found_in_the_message_an_unused_argument_the_mdc_a_key_value_and_a_cause() {
        logger.info("Signed in with {}", PLANTED);
        logger.info("Nothing to see", (Object) ("x" + PLANTED + "y"));
        MDC.put("session", PLANTED);
        try {
            logger.info("A line with a context");
        } finally {
            MDC.remove("session");
        }
        logger.atInfo().addKeyValue("key", PLANTED).log("A structured line");
        logger.warn("It failed", new IllegalStateException("outer", new IllegalArgumentException("bad key " + PLANTED)));
        logger.info("A clean line about lk_test_ and nothing else");

        List<SecretScan.Leak> leaks = SecretScan.find(List.of(PLANTED, "another-secret-never-logged"), capture.drain());

        assertThat(leaks).hasSize(5).allSatisfy(leak -> assertThat(leak.secret()).isEqualTo(PLANTED));
        assertThat(leaks).extracting(SecretScan.Leak::where).noneMatch(where -> where.contains("clean"));
        assertThat(leaks.toString()).doesNotContain(PLANTED).contains("lk_t…(" + PLANTED.length() + " chars)");
    }

    @Test
    void secrets_are_found_at_any_offset_and_short_values_are_not_looked_for() {
        List<LogCapture.Line> lines = List.of(new LogCapture.Line("a", PLANTED), new LogCapture.Line("b", "prefix:" + PLANTED),
                new LogCapture.Line("c", "ends with " + PLANTED.substring(0, PLANTED.length() - 1)), new LogCapture.Line("d", "cid"));

        assertThat(SecretScan.find(List.of(PLANTED, "cid"), lines)).extracting(SecretScan.Leak::where).containsExactly("a", "b");
    }

    @Test
    void secret_named_fields_of_a_body_are_registered_at_any_depth() {
        TestSecrets.registerFields(Map.of("connection", Map.of("credentials", Map.of("access_token", "at-registered-0001",
                "token_type", "bearer-type-not-secret")), "secrets", List.of(Map.of("client_secret", "cs-registered-0001")),
                "id", "not-a-secret-0001"));

        assertThat(TestSecrets.all()).contains("at-registered-0001", "cs-registered-0001")
                .doesNotContain("bearer-type-not-secret", "not-a-secret-0001");
    }
}
