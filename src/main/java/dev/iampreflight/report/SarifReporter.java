package dev.iampreflight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.JsonLayout;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning ({@code github/codeql-action/upload-sarif}) and other SARIF viewers. Follows
 * GitHub's "SARIF support for code scanning" page: rules in {@code tool.driver.rules} with short and full
 * descriptions, help and a default level; results with a repo-relative {@code artifactLocation.uri} against
 * {@code %SRCROOT%}, a region, related locations and {@code partialFingerprints} that survive line moves
 * ({@link Fingerprints}). Validated against the official schema in the tests.
 */
public final class SarifReporter implements Reporter {

    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";

    @Override
    public String render(Report report, ReportOptions options) {
        ObjectNode root = JsonReporter.NODES.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "iam-preflight");
        driver.put("version", options.toolVersion());
        if (options.toolVersion().matches("\\d+\\.\\d+\\.\\d+([-+].*)?")) {
            // SARIF wants SemVer here; a development build's version is left out rather than invented.
            driver.put("semanticVersion", options.toolVersion());
        }
        // informationUri and helpUri are optional in SARIF: given only where this build says it is published.
        dev.iampreflight.core.ProjectHome.url().ifPresent(u -> driver.put("informationUri", u));

        // The rules the results use, in registry order (a known rule gets its full help), then any other id a
        // finding uses, e.g. a rule registered elsewhere, with what little is known about it.
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Finding f : report.findings()) {
            used.add(f.ruleId());
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (RuleCatalog.Entry r : RuleCatalog.all()) {
            if (used.contains(r.id())) {
                index.put(r.id(), index.size());
                rules.add(descriptor(r.id(), r.ruleName(), r.summary(), r.description(), r.helpUri(), r.severity()));
            }
        }
        for (Finding f : report.findings()) {
            if (!index.containsKey(f.ruleId())) {
                index.put(f.ruleId(), index.size());
                rules.add(descriptor(f.ruleId(), f.ruleId(), f.ruleId(), f.ruleId(),
                        dev.iampreflight.core.ProjectHome.ruleDoc(f.ruleId()), f.severity()));
            }
        }

        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            r.put("ruleIndex", index.get(f.ruleId()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", message(f));
            if (!f.location().file().isEmpty()) {
                r.putArray("locations").addObject().set("physicalLocation", physical(report, f.location()));
            }
            List<RelatedLocation> related = new ArrayList<>();
            for (RelatedLocation rl : f.related()) {
                if (!rl.location().file().isEmpty()) {
                    related.add(rl);
                }
            }
            if (!related.isEmpty()) {
                ArrayNode rel = r.putArray("relatedLocations");
                int id = 1;
                for (RelatedLocation rl : related) {
                    ObjectNode o = rel.addObject();
                    o.put("id", id++);
                    o.set("physicalLocation", physical(report, rl.location()));
                    o.putObject("message").put("text", rl.message());
                }
            }
            r.putObject("partialFingerprints").put(Fingerprints.SARIF_KEY, Fingerprints.of(f, report));
            ObjectNode props = JsonReporter.NODES.objectNode();
            f.target().ifPresent(t -> props.put("target", t));
            f.action().ifPresent(a -> props.put("action", a));
            f.resource().ifPresent(a -> props.put("resource", a));
            f.fix().ifPresent(fix -> props.set("fix", JsonReporter.fix(fix)));
            if (!props.isEmpty()) {
                r.set("properties", props);
            }
        }
        // Whether the run could check anything: a run that could not is still a valid log, with the reason as a
        // tool execution notification (SARIF 2.1.0, section 3.20.21) instead of an empty file.
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", report.failure().isEmpty());
        report.failure().ifPresent(why -> {
            ObjectNode n = invocation.putArray("toolExecutionNotifications").addObject();
            n.put("level", "error");
            n.putObject("message").put("text", why);
        });
        // The counts every format carries (docs/reporters.md), in the run's property bag (SARIF 2.1.0, 3.8).
        Summary s = report.summary();
        ObjectNode summary = run.putObject("properties").putObject("summary");
        summary.put("errors", s.errors());
        summary.put("warnings", s.warnings());
        summary.put("notes", s.notes());
        summary.put("targets", s.targets());
        summary.put("calls", s.calls());
        summary.put("text", s.line());
        // Jackson counts columns in UTF-16 code units, as Java strings do.
        run.put("columnKind", "utf16CodeUnits");
        return JsonLayout.twoSpaces().write(root) + "\n";
    }

    private static ObjectNode descriptor(String id, String name, String summary, String description,
                                         java.util.Optional<String> helpUri, Severity severity) {
        ObjectNode d = JsonReporter.NODES.objectNode();
        d.put("id", id);
        d.put("name", name);
        d.putObject("shortDescription").put("text", summary);
        d.putObject("fullDescription").put("text", description);
        ObjectNode help = d.putObject("help");
        String more = helpUri.orElse("`iam-preflight rules " + id + "`");
        help.put("text", description + " See " + more + ".");
        help.put("markdown", "**" + summary + "**\n\n" + description + "\n\n"
                + helpUri.map(u -> "[Documentation](" + u + ")").orElse("More: `iam-preflight rules " + id + "`"));
        helpUri.ifPresent(u -> d.put("helpUri", u));
        d.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode props = d.putObject("properties");
        props.putArray("tags").add("security").add("iam");
        return d;
    }

    /** The message shown in code scanning: the finding's own message, with the target it concerns. */
    private static String message(Finding f) {
        return f.target().map(t -> f.message() + " (target " + t + ")").orElse(f.message());
    }

    private static ObjectNode physical(Report report, SourceLocation l) {
        ObjectNode p = JsonReporter.NODES.objectNode();
        ObjectNode art = p.putObject("artifactLocation");
        String rel = report.relative(l.file());
        if (rel.startsWith("/")) {
            // Outside the project root: an absolute file URI, which needs no base.
            art.put("uri", java.nio.file.Path.of(rel).toUri().toASCIIString());
        } else {
            art.put("uri", uri(rel));
            art.put("uriBaseId", SRCROOT);
        }
        // A finding about a whole file still gets a region: GitHub code scanning drops or misplaces results
        // without one, and line 1 is where a file-level problem is shown.
        ObjectNode region = p.putObject("region");
        region.put("startLine", Math.max(l.line(), 1));
        if (l.line() > 0 && l.column() > 0) {
            region.put("startColumn", l.column());
        }
        return p;
    }

    /** A relative URI reference for a relative path: spaces and other reserved characters percent-encoded. */
    static String uri(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).toASCIIString();
        } catch (URISyntaxException e) {
            return relativePath;
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }
}
