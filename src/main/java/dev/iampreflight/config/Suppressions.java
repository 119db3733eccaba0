package dev.iampreflight.config;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.ReservedRules;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.report.Report;
import dev.iampreflight.report.Rule;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies the user's wishes to the findings of a run, in this order: expired {@code ignore} entries become IAM1005
 * findings (and suppress nothing); active entries and inline comments suppress the findings they cover; rules that are
 * switched off are dropped; severity overrides are applied. Pure apart from {@code fileReader}, which gives the text of
 * a file named in a finding (for inline comments); pass {@code name -> Optional.empty()} to skip them.
 */
public final class Suppressions {

    /** The findings to report (including ones this step added), and the ones suppressed, each with why. */
    public record Result(List<Finding> findings, List<Suppressed> suppressed) {
        public Result {
            findings = List.copyOf(findings);
            suppressed = List.copyOf(suppressed);
        }
    }

    /** A finding that was not reported, and the ignore entry or comment that suppressed it. */
    public record Suppressed(Finding finding, String reason, SourceLocation by) {
    }

    private Suppressions() {
    }

    public static Result apply(List<Finding> findings, ProjectConfig config, Path root,
                               Function<String, Optional<String>> fileReader, LocalDate today) {
        List<Finding> candidates = new ArrayList<>(findings);
        List<IgnoreEntry> active = new ArrayList<>();
        for (IgnoreEntry e : config.ignores()) {
            if (e.expiredOn(today)) {
                candidates.add(new Finding(Rule.EXPIRED_IGNORE.id(), Rule.EXPIRED_IGNORE.severity(),
                        "the ignore entry for " + e.rule() + " ('" + e.reason() + "') expired on "
                                + e.expires().orElseThrow() + "; the findings it covered are reported again",
                        e.location()));
            } else {
                active.add(e);
            }
        }

        Map<String, List<InlineSuppressions.Comment>> comments = new HashMap<>();
        Set<SourceLocation> reasonless = new LinkedHashSet<>();
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        for (Finding f : candidates) {
            Optional<Suppressed> s = byConfig(f, active, root);
            if (s.isEmpty()) {
                s = byComment(f, comments, fileReader, reasonless);
            }
            if (s.isPresent()) {
                suppressed.add(s.get());
            } else {
                kept.add(f);
            }
        }
        for (SourceLocation at : reasonless) {
            kept.add(new Finding(ReservedRules.BAD_SHAPE, Severity.WARNING,
                    "this iam-preflight ignore comment gives no reason, so it suppresses nothing; write "
                            + "'# iam-preflight: ignore[RULE] why it is safe'", at));
        }

        List<Finding> out = new ArrayList<>();
        for (Finding f : kept) {
            Optional<RuleSetting> setting = config.rule(f.ruleId());
            if (setting.isPresent() && !setting.get().enabled()) {
                continue;
            }
            out.add(setting.flatMap(RuleSetting::severity).map(f::withSeverity).orElse(f));
        }
        return new Result(out, suppressed);
    }

    private static Optional<Suppressed> byConfig(Finding f, List<IgnoreEntry> active, Path root) {
        String file = Report.relativize(root, f.location().file());
        for (IgnoreEntry e : active) {
            if (e.matches(f, file)) {
                return Optional.of(new Suppressed(f, e.reason(), e.location()));
            }
        }
        return Optional.empty();
    }

    /** A comment at the finding's own location or at one of its related locations (e.g. the policy statement). */
    private static Optional<Suppressed> byComment(Finding f, Map<String, List<InlineSuppressions.Comment>> cache,
                                                  Function<String, Optional<String>> fileReader,
                                                  Set<SourceLocation> reasonless) {
        List<SourceLocation> places = new ArrayList<>();
        places.add(f.location());
        for (RelatedLocation r : f.related()) {
            places.add(r.location());
        }
        for (SourceLocation at : places) {
            if (at.line() <= 0 || !InlineSuppressions.supports(at.file())) {
                continue;
            }
            List<InlineSuppressions.Comment> comments = cache.computeIfAbsent(at.file(),
                    name -> fileReader.apply(name).map(text -> InlineSuppressions.parse(name, text))
                            .orElse(List.of()));
            Optional<InlineSuppressions.Comment> c = InlineSuppressions.at(comments, at.line(), f.ruleId());
            if (c.isPresent()) {
                if (c.get().reason().isBlank()) {
                    reasonless.add(c.get().location());
                    continue;
                }
                return Optional.of(new Suppressed(f, c.get().reason(), c.get().location()));
            }
        }
        return Optional.empty();
    }
}
