package dev.latchkey.bootstrap;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A screenshot of the browser when a browser test fails: {@code target/screenshots/<test>-failed.png},
 * beside the screenshots of its steps. After the test method, before {@code @AfterEach} (which quits
 * the browser): so not a TestWatcher, whose callbacks come after that.
 */
public class ScreenshotOnFailure implements AfterTestExecutionCallback {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** A test class whose browser may be photographed. */
    public interface Browser {
        WebDriver browser();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || !(context.getRequiredTestInstance() instanceof Browser test)
                || !(test.browser() instanceof TakesScreenshot camera)) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(context.getRequiredTestMethod().getName() + "-failed.png"), camera.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            // The test's own failure is what matters: keep it, with this one beside it.
            context.getExecutionException().get().addSuppressed(e);
        }
    }
}
