package dev.iampreflight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Fix;
import dev.iampreflight.core.JsonTrees;
import dev.iampreflight.core.RelatedLocation;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.fix.JsonLayout;

/**
 * For scripts: {@code {"findings":[...],"targets":[...],"summary":{...}}} with every field of every finding. Absent optional fields
 * are {@code null} so the shape never changes; the documented shape is in docs/reporters.md.
 */
public final class JsonReporter implements Reporter {

    /**
     * Nodes are built by the node factory an ObjectMapper would use, without one: setting up an ObjectMapper was a
     * twentieth of a small check's CPU (docs/performance.md, "End to end").
     */
    static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES = JsonTrees.NODES;

    @Override
    public String render(Report report, ReportOptions options) {
        ObjectNode root = NODES.objectNode();
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode o = findings.addObject();
            o.put("ruleId", f.ruleId());
            o.put("severity", f.severity().label());
            o.put("message", f.message());
            o.put("target", f.target().orElse(null));
            o.put("action", f.action().orElse(null));
            o.put("resource", f.resource().orElse(null));
            o.set("location", location(report, f.location()));
            ArrayNode related = o.putArray("related");
            for (RelatedLocation r : f.related()) {
                ObjectNode ro = location(report, r.location());
                ro.put("message", r.message());
                related.add(ro);
            }
            o.set("fix", f.fix().map(JsonReporter::fix).orElse(null));
            o.put("fingerprint", Fingerprints.of(f, report));
        }
        ArrayNode targets = root.putArray("targets");
        for (TargetSummary t : report.targets()) {
            ObjectNode o = targets.addObject();
            o.put("name", t.name());
            o.put("calls", t.calls());
            o.put("evaluation", t.evaluation().id());
        }
        Summary s = report.summary();
        report.failure().ifPresent(why -> root.put("error", why));
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", s.errors());
        summary.put("warnings", s.warnings());
        summary.put("notes", s.notes());
        summary.put("targets", s.targets());
        summary.put("calls", s.calls());
        return JsonLayout.twoSpaces().write(root) + "\n";
    }

    private static ObjectNode location(Report report, SourceLocation l) {
        ObjectNode o = NODES.objectNode();
        o.put("file", report.relative(l.file()));
        o.put("line", l.line());
        o.put("column", l.column());
        return o;
    }

    static ObjectNode fix(Fix fix) {
        ObjectNode o = NODES.objectNode();
        o.put("description", fix.description());
        o.set("statement", statement(fix));
        o.put("policyFile", fix.policyFile().orElse(null));
        ObjectNode snippets = o.putObject("snippets");
        for (Fix.SnippetFormat sf : Fix.SnippetFormat.values()) {
            fix.snippet(sf).ifPresent(text -> snippets.put(sf.id(), text));
        }
        return o;
    }

    /**
     * The fix's statement as a JSON object: {@code statementJson} itself, so a statement with more than Action and
     * Resource (a key-policy statement with a Principal) is shown whole; built from its parts if it does not parse.
     */
    static JsonNode statement(Fix fix) {
        try {
            JsonNode parsed = JsonTrees.read(fix.statementJson());
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (java.io.IOException e) {
            // does not parse: fall through to the parts
        }
        ObjectNode o = NODES.objectNode();
        o.put("Effect", "Allow");
        fix.actions().forEach(o.putArray("Action")::add);
        fix.resources().forEach(o.putArray("Resource")::add);
        return o;
    }
}
