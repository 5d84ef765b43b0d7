package io.autopilot.decode;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the known word nearest to a misspelt one, when it is near enough to be a typo. */
public final class Suggestions {
    /**
     * Longer words get no suggestion: names are short, and the distance costs the product of two lengths in time and
     * memory, which a value of a megabyte would turn into an {@link OutOfMemoryError}.
     */
    static final int MAX_WORD = 100;

    private Suggestions() {
    }

    /** {@code " (did you mean \"x\"?)"} or nothing. */
    public static String hint(String word, Collection<String> known) {
        return nearest(word, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }

    public static Optional<String> nearest(String word, Collection<String> known) {
        // A typo changes a letter or two; more than a third of the word is another word.
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        if (word.length() > MAX_WORD) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        // Sorted, and on a tie the candidate with the same first letter wins: the suggestion must not depend on the
        // order of a set.
        for (String candidate : known.stream().sorted().toList()) {
            if (Math.abs(candidate.length() - word.length()) > allowed) {
                continue; // the distance is at least the difference in length: too far, and not worth a table
            }
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            boolean better = distance < bestDistance || distance == bestDistance && sameStart(candidate, word)
                    && !sameStart(best, word);
            if (better) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static boolean sameStart(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() && Character.toLowerCase(a.charAt(0)) == Character.toLowerCase(b.charAt(0));
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbours ({@code tll}/{@code ttl}). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
