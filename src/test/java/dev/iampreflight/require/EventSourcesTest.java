package dev.iampreflight.require;

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

class EventSourcesTest {

    private static final SourceLocation AT = new SourceLocation("template.yaml", 12, 20);

    private static DeclaredResource mapping(String service, String source) {
        return new DeclaredResource("arn:aws:lambda:us-east-1:111122223333:event-source-mapping:{?}",
                ResourceKind.EVENT_SOURCE_MAPPING, "Fn event Q", Map.of(), Optional.empty(),
                Map.of("function", "template.yaml:5:3", "service", service, "source", source), AT);
    }

    @Test
    void anSqsMappingNeedsTheQueueReadsAtTheSourceLine() {
        List<Requirement> reqs = EventSources.requirements(mapping("sqs", "arn:aws:sqs:us-east-1:111122223333:q"));
        assertEquals(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
                reqs.stream().map(Requirement::action).toList());
        assertTrue(reqs.stream().allMatch(r -> r.resource().equals("arn:aws:sqs:us-east-1:111122223333:q")
                && r.call().location().equals(AT) && r.why().contains(EventSources.SQS_SOURCE)));
    }

    @Test
    void streamsNeedTheirReadsAndAnUnknownSourceIsUnknown() {
        assertEquals(List.of("kinesis:GetRecords", "kinesis:GetShardIterator"),
                EventSources.requirements(mapping("kinesis", "")).stream().map(Requirement::action).toList());
        assertTrue(EventSources.requirements(mapping("kinesis", "")).stream()
                .allMatch(r -> r.resource().equals("{?}")));
        assertEquals(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
                EventSources.requirements(mapping("dynamodb", "arn:aws:dynamodb:us-east-1:1:table/t/stream/{?}"))
                        .stream().map(Requirement::action).toList());
    }

    @Test
    void aMappingBelongsToTheFunctionDeclaredWhereItSays() {
        assertTrue(EventSources.mapsTo(mapping("sqs", "x"), "template.yaml:5:3"));
        assertFalse(EventSources.mapsTo(mapping("sqs", "x"), "template.yaml:6:3"));
        assertTrue(EventSources.requirements(mapping("kafka", "x")).isEmpty());
    }
}
