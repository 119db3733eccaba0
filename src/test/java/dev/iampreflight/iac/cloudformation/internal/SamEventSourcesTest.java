package dev.iampreflight.iac.cloudformation.internal;

import dev.iampreflight.core.Finding;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.project.AttachedPolicy;
import dev.iampreflight.project.internal.Knowledge;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SamEventSourcesTest {

    @Test
    void eachPullEventTypeNamesThePolicySamAttaches() {
        // aws-sam-translator samtranslator/model/eventsources/pull.py, get_policy_arn of each class.
        assertEquals(Optional.of("service-role/AWSLambdaSQSQueueExecutionRole"), SamEventSources.managedPolicy("SQS"));
        assertEquals(Optional.of("service-role/AWSLambdaKinesisExecutionRole"),
                SamEventSources.managedPolicy("Kinesis"));
        assertEquals(Optional.of("service-role/AWSLambdaDynamoDBExecutionRole"),
                SamEventSources.managedPolicy("DynamoDB"));
        assertEquals(Optional.of("service-role/AWSLambdaMSKExecutionRole"), SamEventSources.managedPolicy("MSK"));
        // MQ adds statements built from its Broker and secret, no managed policy; Api is no pull source at all.
        assertEquals(Optional.empty(), SamEventSources.managedPolicy("MQ"));
        assertTrue(SamEventSources.isPull("MQ"));
        assertFalse(SamEventSources.isPull("Api"));
    }

    @Test
    void everyPolicyTheDataNamesIsInTheBundledManagedPolicies() {
        assumeTrue(Knowledge.base().isPresent(), "needs the knowledge base");
        for (String type : List.of("SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB")) {
            Optional<String> name = SamEventSources.managedPolicy(type);
            if (name.isEmpty()) {
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            AttachedPolicy p = Knowledge.managed("arn:aws:iam::aws:policy/" + name.get(),
                    new SourceLocation("template.yaml", 1, 1), findings);
            assertTrue(p.document().isPresent(), type + ": " + name.get() + " " + findings);
        }
    }

    @Test
    void theDataIsInStepWithTheSamTranslator() throws IOException, InterruptedException {
        assumeTrue(works("python3", "-c", "import samtranslator"), "needs python3 with aws-sam-translator");
        Process p = new ProcessBuilder("python3", "tools/sam-event-sources/generate.py", "--check")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static boolean works(String... cmd) {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
