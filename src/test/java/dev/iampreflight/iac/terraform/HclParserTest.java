package dev.iampreflight.iac.terraform;

import dev.iampreflight.core.tree.Node;
import dev.iampreflight.iac.terraform.internal.Hcl;
import dev.iampreflight.iac.terraform.internal.HclParser;
import dev.iampreflight.iac.terraform.internal.Instance;
import dev.iampreflight.iac.terraform.internal.Module;
import dev.iampreflight.iac.terraform.internal.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The HCL2 parser and evaluator, as a table of expression -> value (JSON of the value). */
class HclParserTest {

    private static String eval(String hcl) throws Exception {
        Hcl.Body body = HclParser.parse("locals {\n  a = \"x\"\n  n = [1, 2]\n  m = { k = \"v\" }\n}\nx = " + hcl
                + "\n", "t.tf");
        Module m = new Module(Path.of("."));
        m.add(body, "t.tf");
        Instance in = new Instance(m, "", Map.of(), new Instance.Context(Path.of(".").toAbsolutePath(),
                Path.of(".").toAbsolutePath(), "aws", Optional.empty(), Optional.empty(), new ArrayList<>(),
                new HashMap<>()));
        Node v = in.eval(body.attribute("x").orElseThrow().value());
        return Values.json(v);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`\"plain\"`                              | `\"plain\"`",
            "`\"a-${local.a}-b\"`                     | `\"a-x-b\"`",
            "`\"$${literal}\"`                        | `\"${literal}\"`",
            "`\"q\\\"uote\\n\"`                       | `\"q\\\"uote\\n\"`",
            "`local.n[1]`                             | `2`",
            "`local.m.k`                              | `\"v\"`",
            "`1 + 2 * 3`                              | `7`",
            "`local.a == \"x\" ? \"yes\" : \"no\"`    | `\"yes\"`",
            "`!true || false`                         | `false`",
            "`[for v in local.n : v * 10]`            | `[10,20]`",
            "`{for k, v in local.m : upper(k) => v}`  | `{\"K\":\"v\"}`",
            "`[for v in local.n : v if v > 1]`        | `[2]`",
            "`jsonencode({a = [1, \"b\"]})`           | `{\"a\":[1,\"b\"]}`",
            "`\"${jsonencode({a = 1})}\"`             | `{\"a\":1}`",
            "`format(\"%s-%03d\", \"x\", 7)`          | `\"x-7\"`",
            "`join(\"/\", concat([\"a\"], [\"b\"]))`  | `\"a/b\"`",
            "`merge({a = 1}, {b = 2})`                | `{\"a\":1,\"b\":2}`",
            "`lookup({a = 1}, \"z\", 9)`              | `9`",
            "`replace(\"a.b.c\", \".\", \"-\")`       | `\"a-b-c\"`",
            "`length(local.n)`                        | `2`",
            "`var.missing`                            | `\"{?}\"`",
            "`aws_dynamodb_table.nope.arn`            | `\"{?}\"`",
            "`timestamp()`                            | `\"{?}\"`",
            "`try(var.missing, \"fallback\")`         | `\"fallback\"`",
            "`[\n  \"multi\",\n  \"line\",\n]`        | `[\"multi\",\"line\"]`",
            "`local.n[*]`                             | `[1,2]`",
    })
    void expressions(String hcl, String json) throws Exception {
        assertEquals(json, eval(hcl));
    }

    @Test
    void heredocWithIndentStripping() throws Exception {
        assertEquals("\"line1\\n  line2\\n\"", eval("<<-EOT\n    line1\n      line2\n    EOT"));
        assertEquals("\"  a ${local.a}\\n\"", eval("<<EOT\n  a $${local.a}\nEOT"));
    }

    @Test
    void blocksLabelsAndLocations() throws Exception {
        Hcl.Body b = HclParser.parse("# comment\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\" // trailing\n"
                + "  /* block\n comment */\n  versioning {\n    enabled = true\n  }\n}\n", "m.tf");
        Hcl.Block r = b.blocks("resource").get(0);
        assertEquals(List.of("aws_s3_bucket", "b"), r.labels());
        assertEquals(2, r.location().line());
        assertEquals(3, r.body().attribute("bucket").orElseThrow().location().line());
        assertEquals(6, r.body().blocks("versioning").get(0).location().line());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`a = \"unterminated\n`                  | 1",
            "`resource \"x\" \"y\" {\n  a = 1\n`     | 3",
            "`a = [1, 2\nb = 3\n`                    | 2",
            "`a = <<EOT\nno end\n`                   | 1",
            "`a = 1 2\n`                             | 1",
    })
    void syntaxErrorsAreLocated(String text, int line) {
        HclParser.SyntaxError e = assertThrows(HclParser.SyntaxError.class, () -> HclParser.parse(text, "bad.tf"));
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals("bad.tf", e.location().file());
    }
}
