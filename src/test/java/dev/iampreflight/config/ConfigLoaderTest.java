package dev.iampreflight.config;

import dev.iampreflight.code.SdkWrapper;
import dev.iampreflight.core.Finding;
import dev.iampreflight.core.Severity;
import dev.iampreflight.core.UserException;
import dev.iampreflight.core.tree.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    /** The full example of docs/configuration.md, so the documentation cannot drift from the reader. */
    static String docsExample() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        int start = docs.indexOf("```yaml\n") + "```yaml\n".length();
        return docs.substring(start, docs.indexOf("```", start));
    }

    @Test
    void templateVarsAreScalarsAndTheStageWins() {
        ConfigLoader.Loaded loaded = ConfigLoader.parse("template-vars:\n  stage: any\n  flag: true\n"
                + "  list: [a]\n  stages:\n    dev: {stage: dev}\n", ".iam-preflight.yml");
        assertEquals(1, loaded.findings().size(), loaded.findings().toString());
        assertEquals("IAM0002", loaded.findings().get(0).ruleId());
        assertEquals(4, loaded.findings().get(0).location().line(), "at the list");
        assertEquals(Map.of("stage", "dev", "flag", "true"), loaded.config().templateVars()
                .forStage(Optional.of("dev")));
    }

    @Test
    void theDocumentedExampleReadsWithoutFindings() throws Exception {
        ConfigLoader.Loaded loaded = ConfigLoader.parse(docsExample(), ".iam-preflight.yml");
        assertEquals(List.of(), loaded.findings());
        ProjectConfig c = loaded.config();
        assertEquals(Optional.of("123456789012"), c.accountId());
        assertEquals(Optional.of("us-east-1"), c.region());
        assertEquals(Optional.of("aws"), c.partition());
        assertFalse(c.enabled("IAM1004"));
        assertEquals(Optional.of(Severity.ERROR), c.rule("iam1002").orElseThrow().severity());
        assertEquals(Optional.of(Severity.WARNING), c.rule("IAM1003").orElseThrow().severity());
        assertEquals(Map.of("TableName", "orders", "Stage", "prod"), c.parameters());
        assertEquals(2, ((ArrayNode) c.vars().get("replica_regions")).items().size());
        assertEquals(Map.of("stage", "prod", "TABLE_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
                c.templateVars().forStage(Optional.of("prod")));
        assertEquals(Map.of(), c.templateVars().forStage(Optional.empty()));
        SdkWrapper w = c.sdkWrappers().get(0);
        assertEquals("app.lib.config.load_parameters", w.function());
        assertEquals("ssm", w.service());
        assertEquals("GetParametersByPath", w.operation());
        assertEquals(Map.of("Path", "prefix", "Recursive", "'true'"), w.arguments());
        assertEquals(2, c.ignores().size());
        DeclaredResourcePolicy key = c.resourcePolicies().get(0);
        assertEquals("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", key.resource());
        assertEquals("policies/reports-key-policy.json", key.file());
        IgnoreEntry second = c.ignores().get(1);
        assertEquals("IAM1001", second.rule());
        assertEquals(Optional.of(LocalDate.of(2027, 3, 31)), second.expires());
        assertEquals(Optional.of("src/reports/**"), second.path());
        assertEquals(".iam-preflight.yml", second.location().file());
        assertTrue(second.location().line() > 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level key   | 'ignores: []'                                        | 1 | 1 | unknown key 'ignores' in the config file; did you mean 'ignore'?",
            "ignore without reason   | 'ignore:\n  - rule: IAM1001\n'                       | 2 | 5 | an ignore entry (say why the finding is safe to ignore) needs 'reason'",
            "bad expiry date         | 'ignore:\n  - rule: IAM1001\n    reason: r\n    expires: next week\n' | 4 | 14 | expires 'next week' is not a date; write it as YYYY-MM-DD",
            "bad rule id             | 'rules:\n  IAM10001: off\n'                          | 2 | 3 | 'IAM10001' is not a rule id",
            "bad severity            | 'rules:\n  IAM1001: erorr\n'                         | 2 | 12 | 'erorr' is not a setting of rule IAM1001; use off, on, or a severity: error, warning, note; did you mean 'error'?",
            "unquoted account id     | 'account-id: 12345'                                  | 1 | 13 | account-id '12345' is not a 12-digit AWS account id",
            "bad partition           | 'partition: aws-us-gob'                              | 1 | 12 | did you mean 'aws-us-gov'?",
            "list where map expected | 'parameters: [a, b]'                                 | 1 | 13 | parameters must be a mapping, not a array",
            "wrapper without service | 'sdk-wrappers:\n  - function: f\n    operation: Op\n' | 2 | 5 | an sdk-wrappers entry needs 'service'",
            "resource policy not ARN | 'resource-policies:\n  - {resource: my-key, file: k.json}\n' | 2 | 16 | resource 'my-key' is not an ARN",
            "not a mapping           | '- a\n- b\n'                                         | 1 | 1 | the config file must be a mapping of settings, not a array",
            "unparsable              | 'rules: [\n'                                         | 1 | 9 | is not valid YAML",
            "duplicate key           | 'region: us-east-1\nregion: eu-west-1\n'             | 2 | 1 | duplicate key 'region'",
            "lint not a setting      | 'lint: sometimes'                                    | 1 | 7 | lint must be true, false, or the lowest severity of the lint findings check reports (error, warning, note), not 'sometimes'",
    })
    void mistakesAreLocatedFindings(String name, String yaml, int line, int column, String message) {
        ConfigLoader.Loaded loaded = ConfigLoader.parse(yaml.replace("\\n", "\n"), "cfg.yml");
        assertEquals(1, loaded.findings().size(), loaded.findings().toString());
        Finding f = loaded.findings().get(0);
        assertTrue(f.message().contains(message), f.message());
        assertEquals("cfg.yml", f.location().file());
        assertEquals(line, f.location().line(), f.toString());
        assertEquals(column, f.location().column(), f.toString());
    }

    @Test
    void lintTakesABooleanOrASeverity() {
        assertEquals(LintSetting.DEFAULT, ConfigLoader.parse("region: us-east-1\n", "c.yml").config().lint());
        assertEquals(LintSetting.ON, ConfigLoader.parse("lint: true\n", "c.yml").config().lint());
        assertEquals(LintSetting.OFF, ConfigLoader.parse("lint: false\n", "c.yml").config().lint());
        LintSetting warning = ConfigLoader.parse("lint: warning\n", "c.yml").config().lint();
        assertTrue(warning.keeps(dev.iampreflight.core.Severity.ERROR));
        assertTrue(warning.keeps(dev.iampreflight.core.Severity.WARNING));
        assertFalse(warning.keeps(dev.iampreflight.core.Severity.NOTE));
        assertFalse(LintSetting.OFF.keeps(dev.iampreflight.core.Severity.ERROR));
    }

    @Test
    void theGoodPartsOfABadFileStillApply() {
        ConfigLoader.Loaded loaded = ConfigLoader.parse("region: us-east-1\nrulez: {}\nignore:\n"
                + "  - rule: IAM1002\n  - rule: IAM1001\n    reason: ok\n", "c.yml");
        assertEquals(2, loaded.findings().size(), loaded.findings().toString());
        assertEquals(Optional.of("us-east-1"), loaded.config().region());
        assertEquals(1, loaded.config().ignores().size());
        assertEquals("IAM1001", loaded.config().ignores().get(0).rule());
    }

    @Test
    void aFileOfCommentsIsAnEmptyConfig() {
        ConfigLoader.Loaded loaded = ConfigLoader.parse("# nothing yet\n", "c.yml");
        assertEquals(ProjectConfig.empty(), loaded.config());
        assertEquals(List.of(), loaded.findings());
    }

    @Test
    void isFoundInTheDirectoryOrAParent(@TempDir Path dir) throws Exception {
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        assertEquals(Optional.empty(), ConfigLoader.find(nested).filter(p -> p.startsWith(dir)));
        Files.writeString(dir.resolve(".iam-preflight.yml"), "region: eu-west-1\n");
        assertEquals(Optional.of(dir.resolve(".iam-preflight.yml").toAbsolutePath().normalize()),
                ConfigLoader.find(nested));
        ConfigLoader.Loaded loaded = ConfigLoader.loadFor(nested, Optional.empty());
        assertEquals(Optional.of("eu-west-1"), loaded.config().region());
        Files.writeString(nested.resolve(".iam-preflight.yaml"), "region: eu-central-1\n");
        assertEquals(Optional.of("eu-central-1"), ConfigLoader.loadFor(nested, Optional.empty()).config().region());
    }

    @Test
    void anExplicitConfigMustExist(@TempDir Path dir) throws Exception {
        assertThrows(UserException.class, () -> ConfigLoader.loadFor(dir, Optional.of(dir.resolve("nope.yml"))));
        Path f = Files.writeString(dir.resolve("other.yml"), "partition: aws-cn\n");
        assertEquals(Optional.of("aws-cn"), ConfigLoader.loadFor(dir, Optional.of(f)).config().partition());
    }
}
