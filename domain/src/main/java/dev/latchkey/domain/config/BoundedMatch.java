package dev.latchkey.domain.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A full match of a company-declared pattern against a customer's value, with bounded work. Java's
 * regex engine backtracks: a pattern such as {@code (.*a){6}} takes exponential time on a long
 * value, and {@code (a|b)*} recurses once per character. The text is read through a wrapper that
 * counts its character reads and gives up past {@link #BUDGET} of them (a budget in operations, not
 * time, so the outcome does not depend on the machine); a stack overflow in the engine gives up too.
 */
final class BoundedMatch {
    /** Character reads one match may make: about a hundred passes over the longest value (10,000 characters). */
    static final int BUDGET = 1_000_000;

    private BoundedMatch() {
    }

    /** Whether the pattern matches the whole text; empty when deciding it would cost more than the budget. */
    static Optional<Boolean> matches(Pattern pattern, String text) {
        try {
            return Optional.of(pattern.matcher(new Counted(text, new int[] {BUDGET})).matches());
        } catch (BudgetExceeded | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("pattern match budget exceeded", null, false, false);
        }
    }

    /** The text, counting down a shared budget on every character read. */
    private record Counted(String text, int[] left) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
