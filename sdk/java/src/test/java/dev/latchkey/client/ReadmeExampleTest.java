package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The READMEs quote example/Quickstart.java word for word, so the example they show is the one LatchkeyClientIT runs. */
class ReadmeExampleTest {
    private static final Pattern README_BLOCK = Pattern.compile("<!-- java-quickstart:start -->\\s*```java\\n(.*?)```\\s*<!-- java-quickstart:end -->",
            Pattern.DOTALL);

    /** The lines between the markers of Quickstart.java, without their common indentation. */
    static String quickstartSnippet() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/example/Quickstart.java"));
        int start = indexOf(lines, "// readme:start");
        int end = indexOf(lines, "// readme:end");
        List<String> snippet = lines.subList(start + 1, end);
        int indent = snippet.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        snippet.forEach(l -> text.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return text.toString();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("Quickstart.java lacks the marker " + marker);
    }

    private static String readmeBlock(Path readme) throws IOException {
        Matcher block = README_BLOCK.matcher(Files.readString(readme));
        assertThat(block.find()).as(readme + " has a <!-- java-quickstart:start --> block").isTrue();
        return block.group(1);
    }

    @Test
    void both_readmes_quote_the_quickstart_that_the_system_test_runs() throws IOException {
        String snippet = quickstartSnippet();
        assertThat(snippet.lines().filter(l -> !l.isBlank()).count()).as("a ten-line example").isBetween(8L, 12L);
        for (Path readme : Arrays.asList(Path.of("README.md"), Path.of("../../README.md"))) {
            assertThat(readmeBlock(readme)).as(readme + " quotes example/Quickstart.java between its readme markers").isEqualTo(snippet);
        }
    }
}
