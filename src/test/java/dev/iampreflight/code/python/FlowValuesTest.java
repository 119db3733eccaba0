package dev.iampreflight.code.python;

import dev.iampreflight.code.SdkCall;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values follow assignments in statement order (issue #10): reassignment, +=, branches, early return, loops. */
class FlowValuesTest {

    private static List<String> calls(String src) {
        return ScanHarness.rendered(ScanHarness.scan(src));
    }

    /** The first call's argument, resolved for a target with this environment. */
    private static String resolved(String src, String arg, Map<String, String> env) {
        SdkCall c = ScanHarness.scan(src).calls().get(0).resolve(env);
        return c.arguments().get(arg).describe();
    }

    @Test
    void reassignmentReplacesTheOldValue() {
        assertEquals(List.of("s3.put_object(Bucket='new', Key='k') HIGH"), calls("""
                import boto3
                s3 = boto3.client('s3')
                def handler(event, context):
                    bucket = 'old'
                    bucket = 'new'
                    s3.put_object(Bucket=bucket, Key='k')
                """));
    }

    @Test
    void augmentedAssignmentExtendsAString() {
        assertEquals(List.of("s3.put_object(Bucket='b', Key='uploads/' + ? + '/x') HIGH"), calls("""
                import boto3
                s3 = boto3.client('s3')
                def handler(event, context):
                    key = 'uploads/' + event['id']
                    key += '/x'
                    s3.put_object(Bucket='b', Key=key)
                """));
    }

    @Test
    void aStringBuiltLineByLineIsOneValue() {
        assertEquals(List.of("s3.put_object(Bucket='b', Key='a/b/c/d') HIGH"), calls("""
                import boto3
                s3 = boto3.client('s3')
                key = 'a'
                key = key + '/b'
                key = f'{key}/c'
                key += '/d'
                def handler(event, context):
                    s3.put_object(Bucket='b', Key=key)
                """));
    }

    @Test
    void anEarlyReturnCutsItsPath() {
        assertEquals(List.of("dynamodb.get_item(TableName='b') HIGH", "dynamodb.get_item(TableName='a') HIGH"),
                calls("""
                        import boto3
                        ddb = boto3.client('dynamodb')
                        def handler(event, context):
                            name = 'a'
                            if event.get('other'):
                                name = 'b'
                                return ddb.get_item(TableName=name)
                            return ddb.get_item(TableName=name)
                        """));
    }

    @Test
    void branchesJoinAndAValueBuiltInALoopEndsUnknown() {
        assertEquals(List.of("s3.put_object(Bucket='x' | 'y', Key='p' | 'p/' + ? | 'p' + ? + '/' + ?) HIGH"),
                calls("""
                        import boto3
                        s3 = boto3.client('s3')
                        def handler(event, context):
                            if event['a']:
                                bucket = 'x'
                            else:
                                bucket = 'y'
                            key = 'p'
                            for part in event['parts']:
                                key += '/' + part
                            s3.put_object(Bucket=bucket, Key=key)
                        """));
    }

    @Test
    void aLoopThatReassignsFromScratchKeepsItsValues() {
        assertEquals(List.of("sqs.send_message(QueueUrl='q1' | 'q2', MessageBody='m') HIGH"), calls("""
                import boto3
                sqs = boto3.client('sqs')
                def handler(event, context):
                    url = 'q1'
                    while event['more']:
                        sqs.send_message(QueueUrl=url, MessageBody='m')
                        url = 'q2'
                """));
    }

    @Test
    void aSelfReferencingDictIsFollowedNotRecursedInto() {
        assertEquals(List.of("dynamodb.put_item(TableName='t', Item={a: '1', b: '2'}) HIGH"), calls("""
                import boto3
                ddb = boto3.client('dynamodb')
                def handler(event, context):
                    item = {'a': '1'}
                    item = {**item, 'b': '2'}
                    ddb.put_item(TableName='t', Item=item)
                """));
    }

    private static final String STAGED = """
            import os
            import boto3
            ddb = boto3.client('dynamodb')
            STAGE = os.environ['STAGE']
            if STAGE == 'prod':
                TABLE = 'orders'
            else:
                TABLE = 'orders-' + STAGE
            def handler(event, context):
                return ddb.get_item(TableName=TABLE)
            """;

    @Test
    void aBranchOnTheStageIsDecidedPerTarget() {
        assertEquals("'orders'", resolved(STAGED, "TableName", Map.of("STAGE", "prod")));
        assertEquals("'orders-dev'", resolved(STAGED, "TableName", Map.of("STAGE", "dev")));
        // A target whose environment does not say: both sides.
        assertEquals("'orders' | 'orders-' + env[STAGE]", resolved(STAGED, "TableName", Map.of()));
    }

    @Test
    void aNameAssignedAComparisonIsTheConditionAndAnOverriddenDefaultDropsOut() {
        String src = """
                import os
                import boto3
                s3 = boto3.client('s3')
                def handler(event, context):
                    is_prod = os.getenv('ENV') in ('prod', 'production')
                    bucket = 'dev-bucket'
                    if is_prod:
                        bucket = 'prod-bucket'
                    s3.get_object(Bucket=bucket, Key='k')
                """;
        assertEquals("'prod-bucket'", resolved(src, "Bucket", Map.of("ENV", "production")));
        assertEquals("'dev-bucket'", resolved(src, "Bucket", Map.of("ENV", "dev")));
    }

    @Test
    void aConstantConditionIsDecidedByTheScanner() {
        assertEquals(List.of("s3.get_object(Bucket='dev-bucket', Key='k') HIGH"), calls("""
                import boto3
                s3 = boto3.client('s3')
                MODE = 'dev'
                def handler(event, context):
                    if MODE == 'prod':
                        bucket = 'prod-bucket'
                    else:
                        bucket = 'dev-bucket'
                    s3.get_object(Bucket=bucket, Key='k')
                """));
    }

    private static final String DECORATED = """
            import os
            import boto3
            from functools import wraps
            dynamodb = boto3.resource('dynamodb')
            def staged(fn):
                @wraps(fn)
                def wrapper(table_name, *args):
                    if os.environ['STAGE'] != 'prod':
                        table_name += '-dev'
                    return fn(table_name, *args)
                return wrapper
            @staged
            def read(table_name, key):
                return dynamodb.Table(table_name).get_item(Key=key)
            def handler(event, context):
                return read('orders', {'id': event['id']})
            """;

    @Test
    void aDecoratorThatSuffixesTheTableNamePerStage() {
        assertEquals("dynamodb.get_item(TableName='orders', Key=?) HIGH",
                resolvedResource(DECORATED, Map.of("STAGE", "prod")));
        assertEquals("dynamodb.get_item(TableName='orders-dev', Key=?) HIGH",
                resolvedResource(DECORATED, Map.of("STAGE", "dev")));
    }

    private static String resolvedResource(String src, Map<String, String> env) {
        SdkCall c = ScanHarness.scan(src).calls().get(0).resolve(env);
        return ScanHarness.render(c);
    }
}
