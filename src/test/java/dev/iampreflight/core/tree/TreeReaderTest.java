package dev.iampreflight.core.tree;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.ReservedRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeReaderTest {

    private static TreeReader.Result json(String text) {
        return TreeReader.parse(text, "p.json", TreeReader.Format.JSON);
    }

    @Test
    void everyValueKnowsItsLineAndColumn() {
        TreeReader.Result r = json("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\"}\n  ]\n}");
        ObjectNode root = (ObjectNode) r.root().orElseThrow();
        assertEquals(1, root.location().line());
        ObjectNode.Field version = root.field("Version").orElseThrow();
        assertEquals(2, version.keyLocation().line());
        assertEquals(3, version.keyLocation().column());
        assertEquals(14, version.value().location().column());
        ArrayNode statements = (ArrayNode) root.get("Statement").orElseThrow();
        ObjectNode first = (ObjectNode) statements.items().get(0);
        assertEquals(4, first.location().line());
        assertEquals(5, first.location().column());
        assertTrue(r.findings().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated object      | {\"Version\": \"2012-10-17\", \"Statement\": [  | IAM0001 | 1",
            "bad token             | {\"Version\": 2012-10-17}                   | IAM0001 | 1",
            "trailing garbage      | {}  {}                                      | IAM0001 | 1",
            "only whitespace       | '   '                                       | IAM0001 | 1",
            "unquoted key          | {Version: 1}                                | IAM0001 | 1",
    })
    void malformedJsonIsALocatedFindingNotAnException(String name, String text, String id, int line) {
        TreeReader.Result r = json(text.replace("\\n", "\n"));
        assertTrue(r.root().isEmpty(), "no tree for " + name);
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals(id, f.ruleId());
        assertEquals("p.json", f.location().file());
        assertTrue(f.location().line() >= line, f.toString());
        assertTrue(f.location().column() >= 1, f.toString());
    }

    @Test
    void truncatedFileSaysWhereItEnded() {
        TreeReader.Result r = json("{\n  \"Statement\": [\n    {\"Effect\": \"Allow\"");
        Finding f = r.findings().get(0);
        assertEquals(ReservedRules.UNPARSABLE, f.ruleId());
        assertEquals(3, f.location().line());
        assertTrue(f.message().contains("truncated"), f.message());
    }

    @Test
    void duplicateKeysKeepTheLastValueAndAreReported() {
        TreeReader.Result r = json("{\"Effect\": \"Allow\",\n \"Effect\": \"Deny\"}");
        ObjectNode root = (ObjectNode) r.root().orElseThrow();
        assertEquals("Deny", ((ScalarNode) root.get("Effect").orElseThrow()).text());
        assertEquals(1, root.duplicateKeys().size());
        Finding f = r.findings().get(0);
        assertEquals(ReservedRules.DUPLICATE_KEY, f.ruleId());
        assertEquals(2, f.location().line());
        assertTrue(f.message().contains("first at line 1"), f.message());
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "{\"Version\": \"2012-10-17\"}".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        TreeReader.Result r = TreeReader.parse(all, "bom.json", TreeReader.Format.JSON);
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertTrue(r.root().orElseThrow() instanceof ObjectNode);
    }

    @Test
    void emptyFileIsAFinding(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("empty.json"), "");
        TreeReader.Result r = TreeReader.read(f, "empty.json");
        assertEquals(ReservedRules.UNPARSABLE, r.findings().get(0).ruleId());
        assertTrue(r.findings().get(0).message().contains("is empty"));
    }

    @Test
    void missingFileAndDirectoryAreUnreadable(@TempDir Path dir) {
        assertEquals(ReservedRules.UNREADABLE,
                TreeReader.read(dir.resolve("nope.json"), "nope.json").findings().get(0).ruleId());
        assertEquals(ReservedRules.UNREADABLE, TreeReader.read(dir, "dir").findings().get(0).ruleId());
    }

    @Test
    void hugeFileIsReadWithoutTrouble(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b")
                    .append(i).append("/*\"}");
        }
        sb.append("]}");
        Path f = Files.writeString(dir.resolve("huge.json"), sb);
        assertTrue(Files.size(f) > 3_000_000);
        TreeReader.Result r = TreeReader.read(f, "huge.json");
        assertTrue(r.findings().isEmpty());
        assertEquals(50_000, ((ArrayNode) ((ObjectNode) r.root().orElseThrow()).get("Statement").orElseThrow()).items().size());
    }

    @Test
    void absurdNestingIsAFindingNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        TreeReader.Result r = json(deep);
        assertTrue(r.root().isEmpty());
        assertEquals(ReservedRules.UNPARSABLE, r.findings().get(0).ruleId());
    }

    @Test
    void yamlKeepsLinesAndShortTags() {
        String yaml = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                + "      Role: !GetAtt Role.Arn\n      Env: !Sub '${AWS::Region}-x'\n      List: !Split [',', 'a,b']\n";
        TreeReader.Result r = TreeReader.parse(yaml, "t.yaml", TreeReader.Format.YAML);
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        ObjectNode props = (ObjectNode) ((ObjectNode) ((ObjectNode) ((ObjectNode) r.root().orElseThrow())
                .get("Resources").orElseThrow()).get("Fn").orElseThrow()).get("Properties").orElseThrow();
        Node role = props.get("Role").orElseThrow();
        assertEquals("!GetAtt", role.tag().orElseThrow());
        assertEquals(5, role.location().line());
        assertEquals("Role.Arn", ((ScalarNode) role).text());
        assertEquals("!Sub", props.get("Env").orElseThrow().tag().orElseThrow());
        Node split = props.get("List").orElseThrow();
        assertEquals("!Split", split.tag().orElseThrow());
        assertTrue(split instanceof ArrayNode);
    }

    @Test
    void badYamlIsALocatedFinding() {
        TreeReader.Result r = TreeReader.parse("a: [1, 2\nb: c\n", "t.yml", TreeReader.Format.YAML);
        assertTrue(r.root().isEmpty());
        assertEquals(ReservedRules.UNPARSABLE, r.findings().get(0).ruleId());
        assertTrue(r.findings().get(0).location().line() >= 1);
    }

    @Test
    void yamlAnchorsAliasesAndMergeKeysAreExpanded() {
        String yaml = "base: &base\n  a: 1\n  b: 2\nother:\n  <<: *base\n  b: 3\nlist: *base\n";
        ObjectNode root = (ObjectNode) TreeReader.parse(yaml, "x.yml", TreeReader.Format.YAML).root().orElseThrow();
        ObjectNode other = (ObjectNode) root.get("other").orElseThrow();
        assertEquals(List.of("b", "a"), other.keys());
        assertEquals("3", ((ScalarNode) other.get("b").orElseThrow()).text());
        assertEquals("1", ((ScalarNode) other.get("a").orElseThrow()).text());
        assertEquals(List.of("a", "b"), ((ObjectNode) root.get("list").orElseThrow()).keys());
    }
}
