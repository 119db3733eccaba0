package dev.iampreflight.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?" by edit distance, case-insensitive. */
public final class Suggestions {

    private Suggestions() {
    }

    /** Up to {@code max} candidates closest to {@code input}, closest first, within a distance that scales with length. */
    public static List<String> closest(String input, Collection<String> candidates, int max) {
        String in = input.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, in.length() / 3);
        record Scored(String value, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(in, c.toLowerCase(Locale.ROOT), limit);
            if (d <= limit) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::value));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < max; i++) {
            out.add(scored.get(i).value());
        }
        return out;
    }

    /** " did you mean 'x'?" or "" when nothing is close. */
    public static String didYouMean(String input, Collection<String> candidates) {
        List<String> c = closest(input, candidates, 1);
        return c.isEmpty() ? "" : "; did you mean '" + c.get(0) + "'?";
    }

    /** Levenshtein distance, giving up (returning limit+1) once every cell of a row exceeds {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
