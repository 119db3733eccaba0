package dev.iampreflight.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iampreflight.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three example apps under examples/, checked through the CLI entry point exactly as the README runs them: each
 * has deliberate bugs, and the preflight must report exactly those, with the code line, and exit 1.
 */
class ExamplesEndToEndTest {

    record Run(int code, String out, String err) {
    }

    static Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), false, all);
        return new Run(code, out.toString(), err.toString());
    }

    /** "IAM1001 target action resource file:line" for each finding, in report order. */
    static List<String> findings(Run r) throws Exception {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            out.add(f.get("ruleId").asText() + " " + text(f, "target") + " " + text(f, "action") + " "
                    + text(f, "resource") + " " + f.get("location").get("file").asText() + ":"
                    + f.get("location").get("line").asInt());
        }
        return out;
    }

    private static String text(JsonNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? "-" : n.asText();
    }

    @Test
    void chaliceOrdersDevMissesFourPermissionsAndProdIsClean() throws Exception {
        Run r = check("examples/chalice-orders", "--format", "json");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "IAM1001 chalice:dev:api_handler dynamodb:UpdateItem arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev chalicelib/db.py:17",
                "IAM1001 chalice:dev:api_handler dynamodb:DeleteItem arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev chalicelib/db.py:25",
                "IAM1001 chalice:dev:api_handler dynamodb:Query arn:aws:dynamodb:us-east-1:111122223333:table/orders-dev/index/by-customer chalicelib/db.py:28",
                "IAM1001 chalice:dev:api_handler ses:SendEmail arn:aws:ses:us-east-1:111122223333:identity/orders@example.com chalicelib/mail.py:18"),
                findings(r));
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(2, root.get("summary").get("targets").asInt());
        JsonNode query = root.get("findings").get(2);
        assertTrue(query.get("message").asText().contains("empty account field"), query.get("message").asText());
        assertEquals(".chalice/policy-dev.json", query.get("related").get(0).get("file").asText());
        assertEquals(13, query.get("related").get(0).get("line").asInt());
        assertEquals(".chalice/policy-dev.json", query.get("fix").get("policyFile").asText());
    }

    @Test
    void chaliceOrdersProdStageAloneIsClean() throws Exception {
        Run r = check("examples/chalice-orders", "--stage", "prod", "--format", "json");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(List.of(), findings(r));
    }
}
