package dev.iampreflight.iac.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.CliRun;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jinja templates and envsubst policy files, read through `check` on fixtures of our own. */
class TemplatingTest {

    static final String SAM = "src/test/resources/check/sam-jinja";
    static final String CHALICE = "src/test/resources/check/chalice-envsubst";

    static CliRun check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--format", "json", "--account-id", "111122223333",
                "--region", "eu-west-1"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** "rule target action resource file:line | related file:line..." for each finding. */
    static List<String> findings(CliRun r) throws Exception {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            StringBuilder b = new StringBuilder(f.get("ruleId").asText() + " " + text(f, "target") + " "
                    + text(f, "action") + " " + text(f, "resource") + " " + at(f.get("location")));
            JsonNode rel = f.get("related");
            if (rel != null) {
                for (JsonNode x : rel) {
                    b.append(" | ").append(at(x.has("location") ? x.get("location") : x));
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    private static String at(JsonNode l) {
        return l.get("file").asText() + ":" + l.get("line").asInt();
    }

    private static String text(JsonNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? "-" : n.asText();
    }

    @Test
    void theStageOfTheConfigurationRendersTheTemplateItsBuildWouldDeploy() throws Exception {
        CliRun dev = check("--stage", "dev", SAM);
        assertEquals(0, dev.code(), dev.out() + dev.err());
        assertEquals(List.of(), findings(dev), "dev: orders-dev and the queue statement ({% if with_queue %})");

        CliRun prod = check("--stage", "prod", SAM);
        assertEquals(1, prod.code(), prod.err());
        String table = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders-dev";
        String queue = "arn:aws:sqs:eu-west-1:111122223333:orders-dev";
        List<String> f = findings(prod);
        assertEquals(2, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("IAM1001 sam:OrdersFunction dynamodb:GetItem " + table
                + " src/orders.py:8 | template.yaml.j2:13"), "the statement's line in the .j2 file: " + f);
        assertTrue(f.get(1).startsWith("IAM1001 sam:OrdersFunction sqs:SendMessage " + queue + " src/orders.py:9"),
                f.toString());
    }

    @Test
    void withoutValuesTheVariablesAreUnknownAndANoteNamesThem() throws Exception {
        CliRun r = check(SAM);
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("IAM0155 - - - template.yaml.j2:0"), findings(r),
                "orders-{?} may be orders-dev: no error is invented");
        assertTrue(r.out().contains("2 unknown variables (stage, with_queue)"), r.out());
    }

    @Test
    void envsubstPlaceholdersAreUnknownUnlessConfigured(@TempDir Path tmp) throws Exception {
        CliRun r = check(CHALICE);
        assertEquals(1, r.code(), r.err());
        String table = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";
        assertEquals(List.of("IAM0155 - - - .chalice/policy-dev.json:1", "IAM1001 chalice:dev:api_handler "
                        + "dynamodb:DeleteItem " + table + " app.py:11 | .chalice/policy-dev.json:1"),
                findings(r).stream().map(s -> s.replaceAll(" \\| \\.chalice/policy-dev\\.json:1( \\|.*)?$",
                        " | .chalice/policy-dev.json:1")).toList());
        assertTrue(r.out().contains("(BUCKET, TABLE_ARN)"), "${aws:username} is IAM's own variable: " + r.out());

        Path app = TestFiles.copyTree(Path.of(CHALICE), tmp.resolve("app"));
        Files.writeString(app.resolve(".iam-preflight.yml"), "template-vars:\n  BUCKET: files\n  stages:\n"
                + "    dev:\n      TABLE_ARN: arn:aws:dynamodb:eu-west-1:111122223333:table/other\n");
        CliRun c = check("--stage", "dev", app.toString());
        assertEquals(1, c.code(), c.err());
        List<String> f = findings(c);
        assertEquals(2, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("IAM1001 chalice:dev:api_handler dynamodb:GetItem " + table), f.toString());
        assertTrue(f.get(1).startsWith("IAM1001 chalice:dev:api_handler dynamodb:DeleteItem " + table),
                f.toString());
    }

    @Test
    void unknownsStayValidJsonAndYaml() {
        String s = JinjaTemplates.SENTINEL;
        assertEquals("{\"Resource\": \"{?}\", \"A\": \"x-{?}\"}",
                JinjaTemplates.quoteUnknowns("{\"Resource\": " + s + ", \"A\": \"x-" + s + "\"}", true));
        assertEquals("TableName: '{?}-orders'\n- '{?}'\nArn: table/{?}",
                JinjaTemplates.quoteUnknowns("TableName: " + s + "-orders\n- " + s + "\nArn: table/" + s, false));
    }

    @Test
    void templatesReadNoOtherFile() {
        JinjaTemplates.Rendered r = JinjaTemplates.render("a: 1\n{% include '/etc/passwd' %}\n", "t.yml.j2",
                Map.of(), false);
        assertTrue(r.text().isEmpty() || !r.text().get().contains("root:"), String.valueOf(r.text()));
        assertTrue(r.text().isEmpty(), "an include is refused, not read as empty");
        Finding f = r.findings().get(0);
        assertEquals("IAM0156", f.ruleId());
        assertEquals(new SourceLocation("t.yml.j2", 2, 0), f.location());
    }

    @Test
    void aTemplateThatNeverEndsEndsWithALocatedWarning() {
        String loops = "a: 1\n{% for a in range(10000) %}{% for b in range(10000) %}{% for c in range(10000) %}"
                + "{% set x = c %}{% endfor %}{% endfor %}{% endfor %}\n";
        JinjaTemplates.Rendered r = JinjaTemplates.render(loops, "t.yml.j2", Map.of(), false);
        assertTrue(r.text().isEmpty());
        assertEquals("IAM0156", r.findings().get(0).ruleId());
        assertTrue(r.findings().get(0).message().contains("could not be rendered within"),
                r.findings().get(0).message());
    }

    @Test
    void renderedLinesMapBackToTemplateLines() {
        String src = "a:\n{% for x in xs %}\n  - {{ x }}\n{% endfor %}\nb: 2\n";
        JinjaTemplates.Rendered r = JinjaTemplates.render(src, "t.yml.j2", Map.of(), false);
        String out = r.text().orElseThrow();
        int bLine = List.of(out.split("\n", -1)).indexOf("b: 2") + 1;
        assertEquals(new SourceLocation("t.yml.j2", 5, 3), r.relocate().apply(new SourceLocation("t.yml.j2", bLine,
                3)));
    }
}
