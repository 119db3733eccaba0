package dev.iampreflight.check;

import dev.iampreflight.config.ConfigLoader;
import dev.iampreflight.config.ProjectConfig;
import dev.iampreflight.project.ProjectOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PreflightOptionsTest {

    private static final ProjectConfig CONFIG = ConfigLoader.parse("""
            account-id: "111122223333"
            region: eu-west-1
            partition: aws-cn
            parameters: {Stage: prod, Table: orders}
            vars:
              table_name: orders
              regions: [us-east-1, eu-west-1]
              tags: {team: shop}
            """, ".iam-preflight.yml").config();

    @Test
    void theConfigFillsInWhatTheCommandLineLeavesOpen() {
        ProjectOptions po = Preflight.withConfigDefaults(ProjectOptions.defaults(), CONFIG);
        assertEquals(Optional.of("111122223333"), po.accountId());
        assertEquals(Optional.of("eu-west-1"), po.region());
        assertEquals("aws-cn", po.partition());
        assertEquals(Map.of("Stage", "prod", "Table", "orders"), po.parameters());
        assertEquals("orders", po.vars().get("table_name"));
        assertEquals("[\"us-east-1\",\"eu-west-1\"]", po.vars().get("regions"), "lists reach Terraform as HCL/JSON");
        assertEquals("{\"team\":\"shop\"}", po.vars().get("tags"));
    }

    @Test
    void theCommandLineWins() {
        ProjectOptions cli = new ProjectOptions(Optional.empty(), Optional.of("444455556666"), Optional.of("us-west-2"),
                "aws", Map.of("Stage", "dev"), Optional.empty(), Map.of("table_name", "x"), java.util.List.of());
        ProjectOptions po = Preflight.withConfigDefaults(cli, CONFIG);
        assertEquals(Optional.of("444455556666"), po.accountId());
        assertEquals(Optional.of("us-west-2"), po.region());
        assertEquals("dev", po.parameters().get("Stage"));
        assertEquals("orders", po.parameters().get("Table"));
        assertEquals("x", po.vars().get("table_name"));
    }
}
