package dev.iampreflight.check;

import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.core.Finding;
import dev.iampreflight.project.ProjectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigScopesTest {

    @TempDir
    Path root;

    private ConfigScopes scopes(ProjectOptions cli, List<Finding> findings) throws IOException {
        Files.writeString(root.resolve(".iam-preflight.yml"), """
                account-id: "111122223333"
                region: us-east-1
                vars: {table_name: shared, env: prod}
                terraform:
                  var-files: [common.tfvars]
                """);
        Path app = Files.createDirectories(root.resolve("apps/orders/infra"));
        Files.writeString(root.resolve("apps/orders/.iam-preflight.yml"), """
                region: eu-west-1
                vars: {table_name: orders}
                terraform:
                  var-files: [orders.tfvars]
                """);
        Files.writeString(app.resolve("main.tf"), "");
        Files.createDirectories(root.resolve("web"));
        return new ConfigScopes(root, ConfigLoader.loadFor(root, Optional.empty()).config(), cli, findings);
    }

    @Test
    void theNearestConfigComesFirstThenTheRunsAndTheCommandLineWinsOverBoth() throws IOException {
        List<Finding> findings = new ArrayList<>();
        ConfigScopes s = scopes(ProjectOptions.defaults().withVars(Map.of("env", "dev")), findings);
        ProjectOptions orders = s.optionsFor(root.resolve("apps/orders/infra/main.tf"));
        assertEquals(Optional.of("eu-west-1"), orders.region(), "the app's own region");
        assertEquals(Optional.of("111122223333"), orders.accountId(), "the repository's account, which the app leaves open");
        assertEquals("orders", orders.vars().get("table_name"));
        assertEquals("dev", orders.vars().get("env"), "the command line wins over every config file");
        // Terraform lets a later var file win: the app's comes after the repository's.
        assertEquals(List.of(root.resolve("common.tfvars"), root.resolve("apps/orders/orders.tfvars")),
                orders.varFiles());
        assertSame(orders, s.optionsFor(root.resolve("apps/orders")), "one options object per sub-project");

        ProjectOptions web = s.optionsFor(root.resolve("web/app.py"));
        assertSame(s.runOptions(), web, "a folder without its own config file takes the run's");
        assertEquals("shared", web.vars().get("table_name"));

        assertEquals(1, s.subProjects().size());
        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals("IAM0135")
                && f.location().file().equals("apps/orders/.iam-preflight.yml")), findings.toString());
    }
}
