package dev.latchkey.adapters.connectors.sigv4;

import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of AWS's published SigV4 test suite kept in {@code sigv4/aws-sig-v4-test-suite.txt}
 * (see its header for the sources): the canonical request, the string to sign and the Authorization
 * header must be exactly AWS's.
 */
class SigV4TestSuiteTest {
    static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    static final SigV4Options SUITE_OPTIONS = SigV4Options.of("us-east-1", "service");

    record Case(String name, String req, String creq, String sts, String authz, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(SigV4TestSuiteTest.class.getResourceAsStream("/sigv4/aws-sig-v4-test-suite.txt"))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String token = null;
        List<Case> cases = new ArrayList<>();
        String name = null;
        String part = null;
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (name == null && line.startsWith("token ")) {
                token = line.substring("token ".length());
            } else if (line.startsWith("=== ")) {
                if (name != null) {
                    cases.add(new Case(name, body(parts, "req"), body(parts, "creq"), body(parts, "sts"), body(parts, "authz"), token));
                }
                name = line.substring(4);
                part = null;
                parts.clear();
            } else if (name != null && line.startsWith("--- ")) {
                part = line.substring(4);
                parts.put(part, new StringBuilder());
            } else if (name != null && part != null) {
                parts.get(part).append(line).append('\n');
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        return cases;
    }

    private static String body(Map<String, StringBuilder> parts, String part) {
        // Cases are separated by a blank line; no part ends with a line break of its own.
        return parts.get(part).toString().replaceAll("\n+$", "");
    }

    /** The suite's .req: request line, "Name:value" header lines, a blank line and the body. */
    static SigV4Request parse(String req) {
        String[] lines = req.split("\n", -1);
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(" HTTP/1.1"));
        int question = target.indexOf('?');
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
        }
        String body = i < lines.length ? String.join("\n", List.of(lines).subList(i + 1, lines.length)) : "";
        return new SigV4Request(method, question < 0 ? target : target.substring(0, question), question < 0 ? "" : target.substring(question + 1),
                headers, Payload.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_signature_is_the_one_the_aws_test_suite_publishes(Case suiteCase) {
        SigV4Credentials credentials = suiteCase.name().startsWith("post-sts-")
                ? SigV4Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", suiteCase.token())
                : SigV4Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        SigV4Options options = suiteCase.name().equals("post-sts-header-after") ? SUITE_OPTIONS.withUnsignedSessionToken() : SUITE_OPTIONS;

        SigV4Signature signed = SigV4Signer.sign(parse(suiteCase.req()), credentials, options, SUITE_TIME);

        assertThat(signed.canonicalRequest()).isEqualTo(suiteCase.creq());
        assertThat(signed.stringToSign()).isEqualTo(suiteCase.sts());
        assertThat(signed.authorization()).isEqualTo(suiteCase.authz());
        assertThat(signed.headers()).containsEntry("X-Amz-Date", "20150830T123600Z").doesNotContainKey("x-amz-content-sha256");
        if (suiteCase.name().startsWith("post-sts-")) {
            assertThat(signed.headers()).containsEntry("X-Amz-Security-Token", suiteCase.token());
        } else {
            assertThat(signed.headers()).doesNotContainKey("X-Amz-Security-Token");
        }
    }
}
