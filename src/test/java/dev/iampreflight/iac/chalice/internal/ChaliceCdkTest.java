package dev.iampreflight.iac.chalice.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaliceCdkTest {

    private static final String STACK = String.join("\n",
            "from chalice.cdk import Chalice as ChaliceApp",
            "RUNTIME = os.path.join(os.path.dirname(__file__), os.pardir, 'runtime')",
            "config = {",
            "    'autogen_policy': False,",
            "    'iam_policy_file': 'policy-cdk.json',",
            "    'environment_variables': {'TABLE': table.table_name, 'MODE': 'live'},",
            "}",
            "class Stack(cdk.Stack):",
            "    def __init__(self, scope, id):",
            "        self.app = ChaliceApp(self, 'App', RUNTIME, config)",
            "        table.grant_read_data(self.app.get_role('DefaultRole'))",
            "");

    @Test
    void readsAnAliasedConstructWithPositionalArgumentsAndAStageConfigVariable() {
        ChaliceCdk.Deploy d = ChaliceCdk.read(Path.of("stack.py"), STACK, "runtime").orElseThrow();
        assertEquals(10, d.line());
        assertTrue(d.settings().get("autogen_policy").isFalse());
        assertEquals(Optional.of("policy-cdk.json"), d.settings().get("iam_policy_file").literal());
        assertEquals(Optional.empty(), d.environment().get("TABLE").literal(), "a CDK token is unknown");
        assertEquals(Optional.of("live"), d.environment().get("MODE").literal());
        assertEquals(List.of("DefaultRole"), d.roleGrants().stream().map(g -> g.literal().orElseThrow()).toList());
        assertEquals(11, d.roleGrants().get(0).line());
    }

    @Test
    void aConstructForAnotherFolderIsNotThisProjects() {
        assertEquals(Optional.empty(), ChaliceCdk.read(Path.of("stack.py"), STACK, "backend"));
    }
}
