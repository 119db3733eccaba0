package dev.iampreflight.iac.chalice;

import dev.iampreflight.iac.chalice.internal.DeployScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployScriptsTest {

    @Test
    void readsChaliceCommandLinesFromScriptsAndCi(@TempDir Path root) throws IOException {
        Path app = Files.createDirectories(root.resolve("backend"));
        Files.writeString(app.resolve("Makefile"), "deploy:\n\t# chalice deploy --stage old\n"
                + "\tchalice deploy --no-autogen-policy \\\n\t  --stage $(STAGE)\n");
        Files.writeString(app.resolve("deploy.sh"), "#!/bin/sh\nchalice --project-dir . package --merge-template extra.json out "
                + "--stage=prod\n");
        Files.createDirectories(root.resolve(".github/workflows"));
        Files.writeString(root.resolve(".github/workflows/ci.yml"), "steps:\n  - run: cd backend && chalice deploy\n");
        Files.writeString(app.resolve("notes.txt"), "chalice deploy --stage notes\n");
        List<DeployScripts.Command> cs = DeployScripts.find(root, app);
        assertEquals(3, cs.size(), cs.toString());
        DeployScripts.Command make = cs.stream().filter(c -> c.file().endsWith("Makefile")).findFirst().orElseThrow();
        assertEquals(3, make.line());
        assertTrue(make.noAutogenPolicy(), "flag after a line continuation");
        assertEquals(Optional.empty(), make.stage(), "$(STAGE) is unknown");
        assertTrue(make.deploys("prod") && make.deploys("dev"), "an unknown stage may be any stage");
        DeployScripts.Command pkg = cs.stream().filter(c -> c.file().endsWith("deploy.sh")).findFirst().orElseThrow();
        assertEquals(Optional.of("extra.json"), pkg.mergeTemplate());
        assertEquals(Optional.of("prod"), pkg.stage());
        assertFalse(pkg.deploys("dev"));
        DeployScripts.Command ci = cs.stream().filter(c -> c.file().endsWith("ci.yml")).findFirst().orElseThrow();
        assertTrue(ci.deploys("dev") && !ci.deploys("prod"), "no --stage deploys dev");
    }

    @Test
    void findsAPolicyRenderedThroughAVariable(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("render.sh"), "policy_json=\".chalice/policy-${stage}.json\"\n"
                + "cat \"$tpl\" | envsubst '$A' > \"$policy_json\"\nsed s/x/y/ a.txt > out.txt\n");
        DeployScripts.Scripts s = DeployScripts.read(root, root);
        assertEquals(List.of(new DeployScripts.Render(root.resolve("render.sh"), 2)), s.renders());
    }

    @Test
    void findsTheProgramThatRewritesThePackagedTemplateThroughTheScriptsVariables(@TempDir Path root)
            throws IOException {
        Files.writeString(root.resolve("Makefile"), "OUT := build/pkg\nSAM = $(OUT)/sam.json\n"
                + "clean:\n\trm -rf $(OUT)\n"
                + "package:\n\tchalice package --stage $(ENV) $(OUT)\n"
                + "\taws cloudformation package --template-file $(SAM) --s3-bucket b --output-template-file x.yml\n"
                + "\tpython3 tools/fix_roles.py $(SAM)\n");
        Files.writeString(root.resolve("plain.sh"), "chalice package out\naws cloudformation package "
                + "--template-file out/sam.json --s3-bucket b\nsam deploy --template-file out/sam.json\n");
        List<DeployScripts.Command> cs = DeployScripts.find(root, root);
        DeployScripts.Command make = cs.stream().filter(c -> c.file().endsWith("Makefile")).findFirst().orElseThrow();
        assertEquals(Optional.of(new DeployScripts.Rewrite(8, "python3 tools/fix_roles.py $(SAM)")),
                make.rewrittenBy(), "through SAM = $(OUT)/sam.json; rm and aws are not rewriters");
        DeployScripts.Command plain = cs.stream().filter(c -> c.file().endsWith("plain.sh")).findFirst()
                .orElseThrow();
        assertEquals(Optional.empty(), plain.rewrittenBy(), "only deploy tools read the output");
    }
}
