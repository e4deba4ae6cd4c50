package dev.latchkey.bootstrap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.stream.Collectors;

/**
 * No secret a test made reaches the log. Registered for every test class of this module (JUnit's
 * extension auto-detection, see junit-platform.properties): from the first class on, every log event is
 * captured ({@link LogCapture#suite()}); after each class (its application context closed), what was logged
 * since the last check is searched for every secret registered so far ({@link TestSecrets}), and the class
 * fails naming the line. A secret is registered where it is made, before it could be logged, so each line
 * is read once.
 */
public class NoSecretInLogExtension implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        LogCapture.suite();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<LogCapture.Line> lines = LogCapture.suite().drain();
        List<SecretScan.Leak> leaks = SecretScan.find(TestSecrets.all(), lines);
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " secret(s) of the tests found in the log:\n"
                    + leaks.stream().map(SecretScan.Leak::toString).distinct().collect(Collectors.joining("\n")));
        }
    }
}
