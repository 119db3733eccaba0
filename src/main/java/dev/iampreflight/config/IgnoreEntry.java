package dev.iampreflight.config;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code ignore} entry of the config file: findings of {@code rule} (an id, or {@code *} for any rule), optionally
 * only in files matching the {@code path} glob, for deploy targets matching {@code target} and IAM actions matching
 * {@code action} (globs with {@code *} and {@code ?}). A reason is required; after {@code expires} the entry stops
 * suppressing and is itself reported (IAM1005).
 */
public record IgnoreEntry(String rule, String reason, Optional<LocalDate> expires, Optional<String> path,
                          Optional<String> target, Optional<String> action, SourceLocation location) {

    /** True when the entry has an expiry date before {@code today}; it still applies on the date itself. */
    public boolean expiredOn(LocalDate today) {
        return expires.isPresent() && expires.get().isBefore(today);
    }

    /** Whether this entry covers {@code f}, whose file is {@code relativeFile} (root-relative, forward slashes). */
    public boolean matches(Finding f, String relativeFile) {
        if (!rule.equals("*") && !rule.equalsIgnoreCase(f.ruleId())) {
            return false;
        }
        if (path.isPresent() && !Globs.path(path.get()).matcher(relativeFile).matches()) {
            return false;
        }
        if (target.isPresent() && (f.target().isEmpty()
                || !Globs.simple(target.get(), false).matcher(f.target().get()).matches())) {
            return false;
        }
        // IAM action names are case-insensitive (IAM User Guide, "IAM JSON policy elements: Action").
        return action.isEmpty() || (f.action().isPresent()
                && Globs.simple(action.get(), true).matcher(f.action().get()).matches());
    }

    /** Glob to regex: {@code **} any path, {@code *} within one path segment (paths) or anything, {@code ?} one. */
    static final class Globs {
        private Globs() {
        }

        static Pattern path(String glob) {
            return dev.iampreflight.core.PathGlobs.compile(glob.startsWith("./") ? glob.substring(2) : glob);
        }

        static Pattern simple(String glob, boolean ignoreCase) {
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        }
    }
}
