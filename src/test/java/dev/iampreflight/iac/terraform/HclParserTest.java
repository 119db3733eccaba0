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
        Hcl.Body body = HclParser.parse("locals {\n  a = \"x\"\n  n = [1, 2]\n  m = { k = \"v\" }\n"
                + "  l = [{ id = \"p\" }, { id = \"q\" }]\n  café = \"crème\"\n}\nx = " + hcl + "\n", "t.tf");
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
            // legacy splat and index forms (Terraform 0.11 syntax that HCL2 still accepts)
            "`element(local.l.*.id, 1)`               | `\"q\"`",
            "`local.l.0.id`                           | `\"p\"`",
            "`local.l[*].id`                          | `[\"p\",\"q\"]`",
            "`[for o in local.l : o.id if o.id != \"p\"]` | `[\"q\"]`",
            // unicode identifiers
            "`local.café`                             | `\"crème\"`",
            // template directives and strip markers in quoted strings
            "`\"%{ for v in local.n }${v},%{ endfor }\"` | `\"1,2,\"`",
            "`\"%{ for i, o in local.l }${i}=${o.id} %{ endfor }\"` | `\"0=p 1=q \"`",
            "`\"%{ if local.a == \"x\" }yes%{ else }no%{ endif }\"` | `\"yes\"`",
            "`\"%{ if false }yes%{ endif }\"`          | `\"\"`",
            "`\"a  ${~ local.a ~}  b\"`                | `\"axb\"`",
            "`\"%%{ if }literal\"`                     | `\"%{ if }literal\"`",
            // provider-defined functions
            "`provider::aws::arn_build(\"aws\", \"s3\", \"\", \"\", \"b/*\")` | `\"arn:aws:s3:::b/*\"`",
            "`provider::aws::arn_parse(\"arn:aws:iam::1:role/x\").account_id` | `\"1\"`",
            "`provider::aws::trim_iam_role_path(\"arn:aws:iam::1:role/a/b/r\")` | `\"arn:aws:iam::1:role/r\"`",
            "`provider::other::f(1)`                  | `\"{?}\"`",
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
    void heredocDirectivesWithStripMarkersAndIndent() throws Exception {
        // ~ removes the white space, new lines included, on its side of the directive
        assertEquals("\"[\\\"x-1\\\",\\\"x-2\\\",]\\n\"", eval("<<-EOT\n    [\n    %{~ for v in local.n ~}\n"
                + "      \"${local.a}-${v}\",\n    %{~ endfor ~}\n\n    ]\n    EOT"));
        assertEquals("\"a\\nyes\\n\"", eval("<<EOT\na\n%{ if local.a == \"x\" ~}\nyes\n%{ else ~}\nno\n%{ endif ~}\nEOT"));
    }

    @Test
    void blocksTerraformOnlyUsesAreIgnoredWithoutError() throws Exception {
        Hcl.Body b = HclParser.parse("moved {\n  from = aws_iam_role.a\n  to   = aws_iam_role.b\n}\n"
                + "import {\n  to = aws_iam_role.b\n  id = \"b\"\n}\n"
                + "removed {\n  from = aws_iam_role.c\n  lifecycle {\n    destroy = false\n  }\n}\n"
                + "check \"health\" {\n  data \"http\" \"h\" {\n    url = \"https://example.com\"\n  }\n"
                + "  assert {\n    condition     = data.http.h.status_code == 200\n    error_message = \"down\"\n  }\n}\n"
                + "resource \"aws_iam_role\" \"b\" {\n  name = \"b\"\n}\n", "m.tf");
        Module m = new Module(Path.of("."));
        m.add(b, "m.tf");
        assertEquals(List.of("aws_iam_role.b"), List.copyOf(m.resources().keySet()));
        assertEquals(List.of(), List.copyOf(m.data().keySet()));
    }

    @Test
    void nestedDynamicBlocksInAPolicyDocument() throws Exception {
        Hcl.Body body = HclParser.parse("""
                locals {
                  grants = {
                    orders = { actions = ["dynamodb:GetItem"], vpces = ["vpce-1", "vpce-2"] }
                    jobs   = { actions = ["sqs:SendMessage"], vpces = [] }
                  }
                }
                data "aws_iam_policy_document" "p" {
                  dynamic "statement" {
                    for_each = local.grants
                    content {
                      sid     = statement.key
                      actions = statement.value.actions
                      resources = ["*"]
                      dynamic "condition" {
                        for_each = length(statement.value.vpces) > 0 ? [statement.value.vpces] : []
                        iterator = c
                        content {
                          test     = "StringEquals"
                          variable = "aws:SourceVpce"
                          values   = c.value
                        }
                      }
                    }
                  }
                }
                x = data.aws_iam_policy_document.p.json
                """, "t.tf");
        Module m = new Module(Path.of("."));
        m.add(body, "t.tf");
        Instance in = new Instance(m, "", Map.of(), new Instance.Context(Path.of(".").toAbsolutePath(),
                Path.of(".").toAbsolutePath(), "aws", Optional.empty(), Optional.empty(), new ArrayList<>(),
                new HashMap<>()));
        String json = Values.json(in.eval(body.attribute("x").orElseThrow().value()));
        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"orders\",\"Effect\":\"Allow\","
                + "\"Action\":[\"dynamodb:GetItem\"],\"Resource\":[\"*\"],\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceVpce\":[\"vpce-1\",\"vpce-2\"]}}},{\"Sid\":\"jobs\",\"Effect\":\"Allow\","
                + "\"Action\":[\"sqs:SendMessage\"],\"Resource\":[\"*\"]}]}", json);
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
            "`a = \"%{ if true }x\"\n`               | 1",
            "`a = \"%{ endif }\"\n`                   | 1",
            "`a = <<EOT\n%{ for x in y }\nEOT\n`      | 2",
            "`a = \"%{ while x }\"\n`                 | 1",
    })
    void syntaxErrorsAreLocated(String text, int line) {
        HclParser.SyntaxError e = assertThrows(HclParser.SyntaxError.class, () -> HclParser.parse(text, "bad.tf"));
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals("bad.tf", e.location().file());
    }
}
