package dev.iampreflight.cli;

import dev.iampreflight.core.tree.ArrayNode;
import dev.iampreflight.core.tree.Node;
import dev.iampreflight.core.tree.ObjectNode;
import dev.iampreflight.core.tree.ScalarNode;
import dev.iampreflight.core.tree.TreeReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-commit hook definition and the GitHub Action parse and run the right command. */
class IntegrationFilesTest {

    static Node read(String file) {
        TreeReader.Result r = TreeReader.read(Path.of(file), file);
        assertEquals(List.of(), r.findings());
        return r.root().orElseThrow();
    }

    static String text(Node n, String key) {
        return ((ScalarNode) ((ObjectNode) n).get(key).orElseThrow()).text();
    }

    @Test
    void preCommitHookRunsCheckOnTheWholeProject() {
        ArrayNode hooks = (ArrayNode) read(".pre-commit-hooks.yaml");
        Node hook = hooks.items().get(0);
        assertEquals("iam-preflight", text(hook, "id"));
        assertEquals("bin/iam-preflight check", text(hook, "entry"));
        assertEquals("script", text(hook, "language"));
        assertEquals("false", text(hook, "pass_filenames"));
        Pattern files = Pattern.compile(text(hook, "files"));
        for (String f : List.of("app.py", ".chalice/config.json", "infra/main.tf", "template.yaml", "t.yml",
                "sub/.chalice/policy-dev.json")) {
            assertTrue(files.matcher(f).find(), f);
        }
        assertFalse(files.matcher("README.md").find());
        for (Node h : hooks.items()) {
            assertTrue(text(h, "entry").endsWith("iam-preflight check"), text(h, "entry"));
        }
    }

    @Test
    void actionBuildsRunsCheckWithSarifAndUploadsIt() {
        ObjectNode action = (ObjectNode) read("action.yml");
        ObjectNode runs = (ObjectNode) action.get("runs").orElseThrow();
        assertEquals("composite", text(runs, "using"));
        ObjectNode inputs = (ObjectNode) action.get("inputs").orElseThrow();
        assertEquals("error", text(inputs.get("fail-on").orElseThrow(), "default"));
        List<Node> steps = ((ArrayNode) runs.get("steps").orElseThrow()).items();
        StringBuilder all = new StringBuilder();
        boolean setupJava = false;
        boolean upload = false;
        for (Node s : steps) {
            ObjectNode step = (ObjectNode) s;
            step.get("uses").ifPresent(u -> all.append("uses ").append(((ScalarNode) u).text()).append('\n'));
            step.get("run").ifPresent(r -> all.append(((ScalarNode) r).text()).append('\n'));
            if (step.get("uses").map(u -> ((ScalarNode) u).text().startsWith("actions/setup-java@")).orElse(false)) {
                setupJava = text(step.get("with").orElseThrow(), "java-version").equals("17");
            }
            if (step.get("uses").map(u -> ((ScalarNode) u).text().startsWith("github/codeql-action/upload-sarif@"))
                    .orElse(false)) {
                upload = text(step.get("with").orElseThrow(), "sarif_file").equals("${{ inputs.sarif-file }}");
            }
        }
        assertTrue(setupJava, all.toString());
        assertTrue(upload, all.toString());
        assertTrue(all.toString().contains("./mvnw -B -q package -DskipTests"), all.toString());
        assertTrue(all.toString().contains(
                "check \"$DIRECTORY\" --format sarif --output \"$SARIF\" --fail-on \"$FAIL_ON\""), all.toString());
        assertFalse(all.toString().contains("${{ inputs."), "inputs reach scripts only through env: " + all);
    }
}
