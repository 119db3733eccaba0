package dev.iampreflight.iac.cloudformation;

import dev.iampreflight.project.DeployTarget;
import dev.iampreflight.project.IacResult;
import dev.iampreflight.project.InfraRules;
import dev.iampreflight.project.ProjectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static dev.iampreflight.project.Fixtures.iac;
import static dev.iampreflight.project.Fixtures.withRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ref / GetAtt of each supported resource type and every intrinsic, as a table of environment values. */
class IntrinsicsTest {

    private static final Path DIR = iac("cfn-refs");

    private static IacResult read() {
        return CloudFormationReader.read(DIR, DIR.resolve("template.json"),
                ProjectOptions.defaults().withAccount("111122223333", "eu-west-1"), Map.of());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "TABLE        | t1",
            "TABLE_ARN    | arn:aws:dynamodb:eu-west-1:111122223333:table/t1",
            "STREAM_ARN   | arn:aws:dynamodb:eu-west-1:111122223333:table/t1/stream/{?}",
            "BUCKET       | b-test",
            "BUCKET_ARN   | arn:aws:s3:::b-test",
            "UNNAMED      | {?}",
            "QUEUE_URL    | https://sqs.eu-west-1.amazonaws.com/111122223333/q1",
            "QUEUE_ARN    | arn:aws:sqs:eu-west-1:111122223333:q1",
            "QUEUE_NAME   | q1",
            "TOPIC        | arn:aws:sns:eu-west-1:111122223333:t1",
            "KEY_ID       | {?}",
            "KEY_ARN      | arn:aws:kms:eu-west-1:111122223333:key/{?}",
            "ALIAS        | alias/app",
            "FN_ARN       | arn:aws:lambda:eu-west-1:111122223333:function:f1",
            "ROLE         | r1",
            "ROLE_ARN     | arn:aws:iam::111122223333:role/svc/r1",
            "MANAGED      | arn:aws:iam::111122223333:policy/m1",
            "SECRET       | arn:aws:secretsmanager:eu-west-1:111122223333:secret:s1-{?}",
            "PARAM        | /app/p1",
            "MACHINE      | arn:aws:states:eu-west-1:111122223333:stateMachine:sm1",
            "STREAM       | arn:aws:kinesis:eu-west-1:111122223333:stream/k1",
            "BUS_ARN      | arn:aws:events:eu-west-1:111122223333:event-bus/bus1",
            "SUB_VARS     | x-test-${Literal}",
            "SUB_ATTR     | arn:aws:dynamodb:eu-west-1:111122223333:table/t1/index/*",
            "JOIN         | a:test:c",
            "SELECT_SPLIT | y",
            "ZONE         | eu-west-1b",
            "MAP          | 256",
            "IF_TRUE      | yes",
            "IF_FALSE     | no",
            "IF_UNKNOWN   | first",
            "IMPORT       | {?}",
            "URL_SUFFIX   | amazonaws.com",
            "PARTITION    | aws",
            "B64          | plain",
            "LEN          | 3",
            "JSON         | {\"a\":[1,\"b\"]}",
            "CIDR         | {?}",
    })
    void resolvesTo(String variable, String value) {
        DeployTarget fn = read().targets().get(0);
        assertEquals(value, fn.environment().get(variable).value());
    }

    @Test
    void noValueRemovesTheKeyAndUndecidableConditionIsANote() {
        IacResult r = read();
        assertFalse(r.targets().get(0).environment().containsKey("DROPPED"));
        assertEquals(1, withRule(r.findings(), InfraRules.CFN_UNDECIDED_CONDITION).size());
        assertEquals("cfn:Fn", r.targets().get(0).name());
        assertEquals("arn:aws:iam::111122223333:role/svc/r1", r.targets().get(0).principal());
    }

    /**
     * Issue #14: every malformed intrinsic is a located finding and an unknown value, never an exception or a
     * value made up from the wrong shape (a Select out of range, a Join of a number, a reference cycle).
     */
    @ParameterizedTest(name = "{0} at line {1}")
    @CsvSource(delimiter = '|', value = {
            "SELECT_OUT_OF_RANGE | 14 | index 5 is out of range",
            "SELECT_NOT_AN_INDEX | 15 | 'first' is not an index",
            "SELECT_NOT_A_LIST   | 16 | takes [index, [values...]]",
            "JOIN_NUMBER         | 17 | takes [delimiter, [values...]]",
            "SPLIT_LIST          | 18 | takes [delimiter, string]",
            "SUB_LIST            | 19 | takes a string or [string, {variables}]",
            "GETATT_NOTHING      | 20 | takes [LogicalId, Attribute]",
            "IF_TWO              | 21 | takes [condition, value if true, value if false]",
            "CYCLE               | 30 | reference cycle: First -> Second -> First",
    })
    void malformedIntrinsicsAreLocatedFindingsAndUnknownValues(String variable, int line, String message) {
        Path dir = iac("cfn-bad-intrinsics");
        IacResult r = CloudFormationReader.read(dir, dir.resolve("template.yaml"), ProjectOptions.defaults(),
                Map.of());
        String value = r.targets().get(0).environment().get(variable).value();
        assertTrue(value.contains("{?}"), variable + " = " + value);
        assertTrue(r.findings().stream().anyMatch(f -> f.location().file().equals("template.yaml")
                        && f.location().line() == line && f.location().column() >= 1
                        && f.message().contains(message)),
                () -> variable + ": " + r.findings());
    }
}
