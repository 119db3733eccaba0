package dev.iampreflight.config;

import dev.iampreflight.core.Finding;
import dev.iampreflight.report.Rule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The user-facing half of {@code check} after the pipeline has produced its findings: read the config, apply
 * ignores, inline comments and rule settings, leave out the baseline, and write a new baseline if asked. The CLI
 * calls {@link #finish} once and reports what it returns.
 */
public final class Workflow {

    /** What the user asked for with {@code --config}, {@code --baseline} and {@code --write-baseline}. */
    public record Options(Path root, Optional<Path> config, Optional<Path> baseline, Optional<Path> writeBaseline,
                          LocalDate today) {
    }

    /**
     * The findings to report, how many were suppressed (config or comments) and how many the baseline left out.
     * {@code findings} includes the problems of the config and baseline files themselves.
     */
    public record Outcome(List<Finding> findings, List<Suppressions.Suppressed> suppressed, int baselined,
                          ProjectConfig config) {
        public Outcome {
            findings = List.copyOf(findings);
            suppressed = List.copyOf(suppressed);
        }
    }

    private Workflow() {
    }

    /** The config alone, for the pipeline's own use before findings exist (account id, parameters, wrappers). */
    public static ConfigLoader.Loaded config(Options o) {
        return ConfigLoader.loadFor(o.root(), o.config());
    }

    public static Outcome finish(List<Finding> raw, ConfigLoader.Loaded config, Options o) throws IOException {
        return finish(raw, config, List.of(), o);
    }

    /**
     * As {@link #finish(List, ConfigLoader.Loaded, Options)}, with the sub-projects' config files applied first: each
     * one's ignore entries (paths relative to its folder) and rule settings to the findings in files under its folder,
     * deepest folder first; then the run's config to everything left.
     */
    public static Outcome finish(List<Finding> raw, ConfigLoader.Loaded config, List<SubProject> subProjects,
                                 Options o) throws IOException {
        List<Suppressions.Suppressed> suppressedBySub = new ArrayList<>();
        for (SubProject sub : subProjects) {
            raw = applySub(raw, sub, o, suppressedBySub);
        }
        Outcome out = finishRun(raw, config, o);
        if (suppressedBySub.isEmpty()) {
            return out;
        }
        List<Suppressions.Suppressed> suppressed = new ArrayList<>(suppressedBySub);
        suppressed.addAll(out.suppressed());
        return new Outcome(out.findings(), suppressed, out.baselined(), out.config());
    }

    private static List<Finding> applySub(List<Finding> findings, SubProject sub, Options o,
                                          List<Suppressions.Suppressed> suppressed) {
        Path root = o.root().toAbsolutePath().normalize();
        Path folder = sub.folder().toAbsolutePath().normalize();
        if (!folder.startsWith(root) || folder.equals(root)) {
            return findings;
        }
        String prefix = root.relativize(folder).toString().replace('\\', '/') + "/";
        List<Finding> under = new ArrayList<>();
        List<Finding> rest = new ArrayList<>();
        for (Finding f : findings) {
            String file = f.location().file().replace('\\', '/');
            (file.startsWith(prefix) ? under : rest).add(f);
        }
        ProjectConfig c = sub.config();
        List<IgnoreEntry> ignores = new ArrayList<>();
        for (IgnoreEntry e : c.ignores()) {
            ignores.add(new IgnoreEntry(e.rule(), e.reason(), e.expires(),
                    e.path().map(p -> prefix + (p.startsWith("./") ? p.substring(2) : p)), e.target(), e.action(),
                    e.location()));
        }
        ProjectConfig rebased = new ProjectConfig(c.file(), c.rules(), c.accountId(), c.region(), c.partition(),
                c.parameters(), c.vars(), c.sdkWrappers(), ignores, c.resourcePolicies(), c.targets(), c.terraform(),
                c.templateVars());
        // Inline comments do not depend on the config: the run's pass reads them once for every finding.
        Suppressions.Result r = Suppressions.apply(under, rebased, root, name -> Optional.empty(), o.today());
        suppressed.addAll(r.suppressed());
        rest.addAll(r.findings());
        return rest;
    }

    private static Outcome finishRun(List<Finding> raw, ConfigLoader.Loaded config, Options o) throws IOException {
        List<Finding> all = new ArrayList<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Finding f : raw) {
            // Identical findings (one call reached twice) are reported once, and IAM1003 once per target.
            Object key = f.ruleId().equals(Rule.CANNOT_CHECK.id()) ? List.of(f.ruleId(), f.target()) : f;
            if (seen.add(key)) {
                all.add(f);
            }
        }
        all.addAll(config.findings());
        Suppressions.Result s = Suppressions.apply(all, config.config(), o.root(), filesUnder(o.root()), o.today());
        List<Finding> findings = new ArrayList<>(s.findings());
        if (o.writeBaseline().isPresent()) {
            // Everything reported now, before any old baseline is applied, so the new one is complete.
            Baseline.write(o.writeBaseline().get(), findings, o.root());
        }
        int baselined = 0;
        if (o.baseline().isPresent()) {
            Path b = o.baseline().get();
            Baseline.Loaded loaded = Baseline.read(b, b.toString());
            List<Finding> kept = loaded.baseline().filter(findings, o.root());
            baselined = findings.size() - kept.size();
            findings = new ArrayList<>(kept);
            findings.addAll(loaded.findings());
        }
        return new Outcome(findings, s.suppressed(), baselined, config.config());
    }

    /**
     * Reads the text of a file named in a finding (relative names against {@code root}) for inline comments;
     * empty when it cannot be read or is not UTF-8 text, so a missing file never stops the report.
     */
    public static Function<String, Optional<String>> filesUnder(Path root) {
        return name -> {
            try {
                Path p = root.resolve(name);
                if (!Files.isRegularFile(p) || Files.size(p) > 16L * 1024 * 1024) {
                    return Optional.empty();
                }
                byte[] bytes = Files.readAllBytes(p);
                return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
