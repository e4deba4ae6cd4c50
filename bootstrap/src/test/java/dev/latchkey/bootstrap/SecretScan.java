package dev.latchkey.bootstrap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds secrets in captured log text. Each secret is indexed by a hash of its first {@link #MIN_LENGTH}
 * characters and each text is read once with a rolling hash of that width, so the cost is the length of
 * the log, not the log times the number of secrets. Shorter values are not looked for: a test's
 * {@code "cid"} or {@code "x"} would be found in any log.
 */
final class SecretScan {
    static final int MIN_LENGTH = 8;
    private static final long BASE = 1_000_003L;
    private static final long TOP;

    static {
        long top = 1;
        for (int i = 0; i < MIN_LENGTH - 1; i++) {
            top *= BASE;
        }
        TOP = top;
    }

    /** A secret found in a line: the line where it was and the secret, shown only by its start and length. */
    record Leak(String where, String secret) {
        @Override
        public String toString() {
            return masked(secret) + " in " + where.replace(secret, "***");
        }
    }

    private SecretScan() {
    }

    static List<Leak> find(Collection<String> secrets, Collection<LogCapture.Line> lines) {
        Map<Long, List<String>> byPrefix = new HashMap<>();
        for (String secret : secrets) {
            if (secret.length() >= MIN_LENGTH) {
                byPrefix.computeIfAbsent(hash(secret), h -> new ArrayList<>(1)).add(secret);
            }
        }
        List<Leak> leaks = new ArrayList<>();
        if (byPrefix.isEmpty()) {
            return leaks;
        }
        for (LogCapture.Line line : lines) {
            String text = line.text();
            if (text.length() < MIN_LENGTH) {
                continue;
            }
            Set<String> found = new HashSet<>();
            long h = hash(text);
            for (int i = 0; ; i++) {
                List<String> candidates = byPrefix.get(h);
                if (candidates != null) {
                    for (String secret : candidates) {
                        if (text.startsWith(secret, i) && found.add(secret)) { // once a line
                            leaks.add(new Leak(line.where(), secret));
                        }
                    }
                }
                if (i + MIN_LENGTH >= text.length()) {
                    break;
                }
                h = (h - text.charAt(i) * TOP) * BASE + text.charAt(i + MIN_LENGTH);
            }
        }
        return leaks;
    }

    /** The hash of the first {@link #MIN_LENGTH} characters. */
    private static long hash(String s) {
        long h = 0;
        for (int i = 0; i < MIN_LENGTH; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    static String masked(String secret) {
        return secret.substring(0, 4) + "…(" + secret.length() + " chars)";
    }
}
