package dev.latchkey.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** The failure screenshot is taken for a failing browser test, before its browser is closed, and only then. */
class ScreenshotOnFailureTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void a_failing_browser_test_leaves_a_screenshot_named_after_it_a_passing_one_none() throws Exception {
        Path failed = ScreenshotOnFailure.SCREENSHOTS.resolve("sample_that_fails-failed.png");
        Path passed = ScreenshotOnFailure.SCREENSHOTS.resolve("sample_that_passes-failed.png");
        Files.deleteIfExists(failed);
        Files.deleteIfExists(passed);

        LauncherDiscoveryRequest request = request().selectors(selectClass(Sample.class)).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);

        assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(failed).exists();
        assertThat(Files.readAllBytes(failed)).isEqualTo(PNG);
        assertThat(passed).doesNotExist();
        Files.delete(failed);
    }

    /** Run only through the launcher above (a nested class: not picked up on its own). */
    @ExtendWith(ScreenshotOnFailure.class)
    static class Sample implements ScreenshotOnFailure.Browser {
        private boolean open = true;
        private final WebDriver browser = (WebDriver) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{WebDriver.class, TakesScreenshot.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getScreenshotAs")) {
                        assertThat(open).as("photographed before @AfterEach closes the browser").isTrue();
                        return ((OutputType<?>) args[0]).convertFromPngBytes(PNG);
                    }
                    return null;
                });

        @Override
        public WebDriver browser() {
            return browser;
        }

        @Test
        void sample_that_fails() {
            fail("on purpose");
        }

        @Test
        void sample_that_passes() {
        }

        @AfterEach
        void closeBrowser() {
            open = false;
        }
    }
}
