package dev.iampreflight.require;

import dev.iampreflight.code.Confidence;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.core.SymbolicValue;
import dev.iampreflight.project.DeclaredResource;
import dev.iampreflight.project.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an event source mapping needs of the function's execution role: Lambda polls the queue or stream with that
 * role, and creating the mapping fails (or the mapping stops) when the role cannot read the source. One requirement
 * per action, on the source's ARN ({@code {?}} where the deploy file does not show it), located at the line that names
 * the source. Sources, the AWS Lambda developer guide:
 * <ul>
 *   <li>SQS: "Execution role permissions", sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the
 *       queue ({@link #SQS_SOURCE});</li>
 *   <li>Kinesis: kinesis:GetRecords and kinesis:GetShardIterator on the stream ({@link #KINESIS_SOURCE}). The page
 *       also lists DescribeStream, DescribeStreamSummary and ListShards (and SubscribeToShard for an enhanced fan-out
 *       consumer), but which of them Lambda uses depends on the kind of reader: the role the Serverless Framework
 *       generates grants DescribeStream (and no DescribeStreamSummary or ListShards) for a standard stream event, and
 *       DescribeStreamSummary and ListShards (and no DescribeStream) for a consumer, and both poll. So only the two
 *       every reader needs are required;</li>
 *   <li>DynamoDB Streams: dynamodb:DescribeStream, dynamodb:GetRecords and dynamodb:GetShardIterator on the stream
 *       ({@link #DYNAMODB_SOURCE}). The page lists dynamodb:ListStreams too, but that action supports no resource
 *       type (only {@code "Resource": "*"} grants it, Service Authorization Reference), and both the role the
 *       Serverless Framework generates and the DynamoDB guide's example grant it on the stream ARN only, that is not
 *       at all, and poll: it is not required.</li>
 * </ul>
 * A queue or stream encrypted with a customer managed key adds the KMS side through {@link ResourceKeys}, as for a
 * call of the code (sqs:ReceiveMessage and kinesis:GetRecords need kms:Decrypt).
 */
public final class EventSources {

    public static final String SQS_SOURCE =
            "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html";
    public static final String KINESIS_SOURCE =
            "https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-create.html";
    public static final String DYNAMODB_SOURCE =
            "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html";

    /** The pseudo call an event source requirement comes from: its operation names what Lambda does. */
    public static final String OPERATION = "EventSourceMapping";

    private EventSources() {
    }

    /** Whether {@code mapping} polls for the function declared at {@code functionDeclaredIn}. */
    public static boolean mapsTo(DeclaredResource mapping, String functionDeclaredIn) {
        return mapping.kind() == ResourceKind.EVENT_SOURCE_MAPPING
                && functionDeclaredIn.equals(mapping.attributes().get("function"));
    }

    /** The permissions Lambda needs of the function's role to poll the mapping's source. */
    public static List<Requirement> requirements(DeclaredResource mapping) {
        String service = mapping.attributes().getOrDefault("service", "");
        String source = mapping.attributes().getOrDefault("source", SymbolicValue.UNKNOWN);
        if (source.isBlank()) {
            source = SymbolicValue.UNKNOWN;
        }
        List<String> actions;
        String page;
        String what;
        switch (service) {
            case "sqs" -> {
                actions = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
                page = SQS_SOURCE;
                what = "SQS queue";
            }
            case "kinesis" -> {
                actions = List.of("kinesis:GetRecords", "kinesis:GetShardIterator");
                page = KINESIS_SOURCE;
                what = "Kinesis stream";
            }
            case "dynamodb" -> {
                actions = List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator");
                page = DYNAMODB_SOURCE;
                what = "DynamoDB stream";
            }
            default -> {
                return List.of();
            }
        }
        SdkCall at = new SdkCall("lambda", OPERATION, Map.of(), Confidence.HIGH, mapping.source(), "", "");
        List<Requirement> out = new ArrayList<>();
        for (String action : actions) {
            out.add(new Requirement(action, source, Map.of(), "the event source mapping " + mapping.name()
                    + " makes Lambda poll the " + what + " with the function's execution role, which needs " + action
                    + " on it (" + page + ").", at));
        }
        return out;
    }
}
