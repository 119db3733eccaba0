package dev.iampreflight.require;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.core.SourceLocation;
import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a declared resource's KMS key adds to the requirements of a call on it. */
class ResourceKeysTest {

    private static final TargetContext US = new TargetContext("t", Map.of(), Optional.of("111122223333"),
            Optional.of("us-east-1"), Optional.of("aws"), List.of());
    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/k1";

    private static DeclaredResource queue(String name, Optional<String> key) {
        return new DeclaredResource("arn:aws:sqs:us-east-1:111122223333:" + name, ResourceKind.SQS_QUEUE,
                "aws_sqs_queue." + name, Map.of(), key, Map.of(), SourceLocation.of("main.tf"));
    }

    private static Requirement send(String queue) {
        SdkCall c = new SdkCall("sqs", "send_message", Map.of("MessageBody", SymbolicValue.literal("x")),
                Confidence.HIGH, SourceLocation.of("app.py"), "", "");
        return new Requirement("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:" + queue, Map.of(), "", c);
    }

    private static List<String> rows(List<ResourceKeys.Derived> ds) {
        return ds.stream().map(d -> d.requirement().action() + " " + d.requirement().resource() + " "
                + d.requirement().onlyWhen().isPresent() + " " + d.requirement().context() + " "
                + d.requirement().callContext()).toList();
    }

    @Test
    void sendingToAQueueWithACustomerManagedKeyNeedsGenerateDataKeyAndDecryptOnThatKey() {
        List<ResourceKeys.Derived> out = ResourceKeys.expand(List.of(send("jobs")),
                List.of(queue("jobs", Optional.of(KEY))), US);
        assertEquals(List.of(
                "sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:jobs false {} {}",
                "kms:GenerateDataKey " + KEY + " false {kms:ViaService=sqs.us-east-1.amazonaws.com} "
                        + "{kms:EncryptionContext:aws:sqs:arn=[arn:aws:sqs:us-east-1:111122223333:jobs]}",
                "kms:Decrypt " + KEY + " false {kms:ViaService=sqs.us-east-1.amazonaws.com} "
                        + "{kms:EncryptionContext:aws:sqs:arn=[arn:aws:sqs:us-east-1:111122223333:jobs]}"),
                rows(out));
    }

    @Test
    void anAwsManagedKeyOrNoKeyAddsNothing() {
        assertEquals(1, ResourceKeys.expand(List.of(send("jobs")),
                List.of(queue("jobs", Optional.of("alias/aws/sqs"))), US).size());
        assertEquals(1, ResourceKeys.expand(List.of(send("jobs")), List.of(queue("jobs", Optional.empty())), US)
                .size());
        assertEquals(1, ResourceKeys.expand(List.of(send("other")), List.of(queue("jobs", Optional.of(KEY))), US)
                .size());
    }

    @Test
    void aQueueTheCodeDoesNotShowExactlyOrAKeyNotKnownOfflineIsOnlyAWarning() {
        List<ResourceKeys.Derived> unknownQueue = ResourceKeys.expand(List.of(send("{?}")),
                List.of(queue("jobs", Optional.of(KEY))), US);
        assertTrue(unknownQueue.get(1).requirement().onlyWhen().isPresent());
        List<ResourceKeys.Derived> unknownKey = ResourceKeys.expand(List.of(send("jobs")),
                List.of(queue("jobs", Optional.of(SymbolicValue.UNKNOWN))), US);
        assertTrue(unknownKey.get(1).requirement().onlyWhen().isPresent());
        assertFalse(ResourceKeys.awsManaged(SymbolicValue.UNKNOWN));
        assertTrue(ResourceKeys.awsManaged("arn:aws:kms:us-east-1:111122223333:alias/aws/sns"));
    }

    @Test
    void twoDeclaredQueuesWithDifferentKeysThatTheCallMayBeAddNothing() {
        assertEquals(1, ResourceKeys.expand(List.of(send("{?}")), List.of(queue("a", Optional.of(KEY)),
                queue("b", Optional.of("arn:aws:kms:us-east-1:111122223333:key/k2"))), US).size());
    }
}
