package dev.iampreflight.fix;

import dev.iampreflight.core.Fix;
import dev.iampreflight.core.Fix.SnippetFormat;
import dev.iampreflight.core.tree.TreeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixesTest {

    static final Fix FIX = Fixes.allow("allow writes", List.of("s3:PutObject", "s3:PutObjectAcl"),
            List.of("arn:aws:s3:::uploads/${aws:username}/*", "*"), Optional.of("p.json"));

    @Test
    void rendersEverySnippet() {
        assertEquals("{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:PutObjectAcl\"],"
                + "\"Resource\":[\"arn:aws:s3:::uploads/${aws:username}/*\",\"*\"]}", FIX.statementJson());
        assertEquals("- Effect: Allow\n  Action:\n    - s3:PutObject\n    - s3:PutObjectAcl\n  Resource:\n"
                + "    - arn:aws:s3:::uploads/${aws:username}/*\n    - '*'", FIX.snippet(SnippetFormat.CLOUDFORMATION_YAML)
                .orElseThrow());
        assertEquals("statement {\n  effect    = \"Allow\"\n  actions   = [\n    \"s3:PutObject\",\n"
                + "    \"s3:PutObjectAcl\",\n  ]\n  resources = [\n    \"arn:aws:s3:::uploads/$${aws:username}/*\",\n"
                + "    \"*\",\n  ]\n}", FIX.snippet(SnippetFormat.TERRAFORM).orElseThrow());
        for (SnippetFormat f : SnippetFormat.values()) {
            assertTrue(FIX.snippet(f).isPresent(), f.name());
        }
    }

    @Test
    void jsonAndYamlSnippetsParseBackToTheSameValues() {
        for (SnippetFormat f : List.of(SnippetFormat.JSON, SnippetFormat.CLOUDFORMATION_JSON,
                SnippetFormat.CLOUDFORMATION_YAML)) {
            TreeReader.Result r = TreeReader.parse(FIX.snippet(f).orElseThrow(), "s",
                    f == SnippetFormat.CLOUDFORMATION_YAML ? TreeReader.Format.YAML : TreeReader.Format.JSON);
            assertEquals(List.of(), r.findings(), f.name());
            assertTrue(r.root().orElseThrow().toString().contains("arn:aws:s3:::uploads/${aws:username}/*"));
            assertTrue(r.root().orElseThrow().toString().contains("text=*,"), f + ": " + r.root());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "s3:GetObject             | s3:GetObject",
            "*                        | '*'",
            "arn:aws:s3:::b/*         | arn:aws:s3:::b/*",
            "a b                      | 'a b'",
            "it's: odd                | 'it''s: odd'",
            "true                     | 'true'",
            "&anchor                  | '&anchor'",
    })
    void quotesYamlOnlyWhenNeeded(String value, String expected) {
        assertEquals(expected, Fixes.yamlScalar(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::b/${aws:username}  | \"arn:aws:s3:::b/$${aws:username}\"",
            "100%{x}                         | \"100%%{x}\"",
            "a$b%c                           | \"a$b%c\"",
            "q\"uote\\                       | \"q\\\"uote\\\\\"",
    })
    void escapesTerraformInterpolation(String value, String expected) {
        assertEquals(expected, Fixes.hclString(value));
    }
}
