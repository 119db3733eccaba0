package dev.iampreflight.iamdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeBaseTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();

    @Test
    void holdsEveryServiceAndAction() {
        assertTrue(KB.servicePrefixes().size() >= 450, "services: " + KB.servicePrefixes().size());
        int actions = 0;
        for (String p : KB.servicePrefixes()) {
            actions += KB.actions(p).size();
        }
        assertTrue(actions >= 20_000, "actions: " + actions);
    }

    @Test
    void describesAnAction() {
        ActionInfo a = KB.action("dynamodb:UpdateItem").orElseThrow();
        assertEquals("dynamodb:UpdateItem", a.fullName());
        assertEquals("Write", a.accessLevel());
        assertEquals(List.of(new ActionResourceType("table", true,
                List.of("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"))), a.resourceTypes());
        assertTrue(a.conditionKeys().contains("dynamodb:LeadingKeys"), a.conditionKeys().toString());
        assertFalse(a.wildcardOnly());
        assertTrue(KB.action("s3:ListAllMyBuckets").orElseThrow().wildcardOnly());
    }

    @ParameterizedTest
    @CsvSource({
            "dynamodb:updateitem, dynamodb:UpdateItem",
            "DYNAMODB:UPDATEITEM, dynamodb:UpdateItem",
            "S3:getobject, s3:GetObject",
            "sqs:sendmessage, sqs:SendMessage",
            "Lambda:InvokeFunction, lambda:InvokeFunction",
    })
    void findsActionsCaseInsensitively(String asked, String expected) {
        assertEquals(expected, KB.action(asked).orElseThrow().fullName());
    }

    @ParameterizedTest
    @CsvSource({"dynamodb:UpdateItems", "nosuchservice:GetThing", "dynamodb", "''", ":GetObject"})
    void unknownActionsAreEmpty(String asked) {
        assertTrue(KB.action(asked).isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "dynamodb:UpdateItems,  dynamodb:UpdateItem",
            "DynamoDB:putitem2,     dynamodb:PutItem",
            "dynamo:GetItem,        dynamodb:GetItem",
            "sesv2:SendEmail,       ses:SendEmail",
            "s3:Nothing-Close-At-All-Here, ''",
            "nonsense,              ''",
    })
    void suggestsClosestActions(String asked, String suggestion) {
        assertEquals(suggestion.isEmpty() ? List.of() : List.of(suggestion), KB.closestActions(asked, 1));
    }

    @Test
    void expandsWildcards() {
        List<String> get = KB.expand("s3:Get*").stream().map(ActionInfo::fullName).toList();
        assertTrue(get.contains("s3:GetObject") && get.contains("s3:GetBucketPolicy"), get.toString());
        assertTrue(get.stream().allMatch(n -> n.startsWith("s3:Get")), get.toString());
        assertEquals(get.stream().sorted().toList(), get);

        assertEquals(List.of("dynamodb:GetItem"),
                KB.expand("dynamodb:?etItem").stream().map(ActionInfo::fullName).toList());
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"),
                KB.expand("DYNAMODB:batch*item").stream().map(ActionInfo::fullName).toList());
        assertEquals(KB.actions("sqs").size(), KB.expand("sqs:*").size());
        assertTrue(KB.expand("nosuch:*").isEmpty());
        assertTrue(KB.expand("*").size() >= 20_000);
        assertTrue(KB.expand("dynamodb*:Describe*").stream().allMatch(a -> a.service().startsWith("dynamodb")));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders,                         dynamodb, table",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByDate,            dynamodb, index",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/*,                 dynamodb, index",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000, dynamodb, stream",
            "arn:aws:s3:::my-bucket,                                                       s3, bucket",
            "arn:aws:s3:::my-bucket/photos/2024/cat.jpg,                                   s3, object",
            "arn:aws:s3:::my-bucket/key.txt,                                               s3, object",
            "arn:aws:ses:us-east-1:123456789012:identity/example.com,                      ses, identity",
            "arn:aws:ses:us-east-1:123456789012:identity/someone@example.com,              ses, identity",
            "arn:aws:ssm:us-east-1:123456789012:parameter/app/prod/db-password,            ssm, parameter",
            "arn:aws:ssm:us-east-1:123456789012:parameter/simple,                          ssm, parameter",
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,  kms, key",
            "arn:aws:kms:us-east-1:123456789012:alias/my-key,                              kms, alias",
            "arn:aws:sqs:us-east-1:123456789012:orders,                                    sqs, queue",
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn,                         lambda, function",
            "arn:aws:iam::123456789012:role/service-role/my-role,                          iam, role",
            "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/Orders,                     dynamodb, table",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn,                 logs, log-group",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:2024/01/01/x, logs, log-stream",
            "arn:aws:lambda:us-east-1:123456789012:function:fn:live,                      lambda, function alias",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf,         secretsmanager, Secret",
            "arn:aws:s3:::my-bucket/*,                                                     s3, object",
            "arn:aws:states:us-east-1:123456789012:stateMachine:Orders,                    states, statemachine",
    })
    void recognisesArns(String arn, String service, String type) {
        List<ArnMatch> m = KB.resourceTypesOf(arn);
        assertFalse(m.isEmpty(), "no match for " + arn);
        assertEquals(service, m.get(0).service(), m.toString());
        assertEquals(type, m.get(0).resourceType(), m.toString());
    }

    @Test
    void anIndexIsNotATable() {
        List<ArnMatch> m = KB.resourceTypesOf("arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByDate");
        assertEquals(List.of("index"), m.stream().map(ArnMatch::resourceType).toList());
    }

    @Test
    void aBucketIsNotAnObjectAndViceVersa() {
        assertEquals(List.of("bucket"), KB.resourceTypesOf("arn:aws:s3:::my-bucket").stream()
                .map(ArnMatch::resourceType).toList());
        assertEquals(List.of("object"), KB.resourceTypesOf("arn:aws:s3:::my-bucket/key.txt").stream()
                .map(ArnMatch::resourceType).toList());
    }

    @ParameterizedTest
    @CsvSource({"not-an-arn", "arn:aws:nosuchservice:us-east-1:123456789012:thing/x", "arn:aws:dynamodb"})
    void unknownArnsMatchNothing(String arn) {
        assertTrue(KB.resourceTypesOf(arn).isEmpty());
    }

    @Test
    void fillsArnFormats() {
        String format = KB.resourceType("dynamodb", "index").orElseThrow().arnFormats().get(0);
        assertEquals(List.of("Partition", "Region", "Account", "TableName", "IndexName"),
                KnowledgeBase.arnVariables(format));
        assertEquals("arn:aws:dynamodb:${Region}:${Account}:table/Orders/index/*",
                KnowledgeBase.fillArn(format, java.util.Map.of("Partition", "aws", "TableName", "Orders",
                        "IndexName", "*")));
        assertEquals("arn:aws:s3:::b/$1\\x", KnowledgeBase.fillArn("arn:${Partition}:s3:::${BucketName}/${ObjectName}",
                java.util.Map.of("Partition", "aws", "BucketName", "b", "ObjectName", "$1\\x")));
    }

    @Test
    void resourceTypes() {
        ResourceTypeInfo t = KB.resourceType("dynamodb", "index").orElseThrow();
        assertEquals(List.of("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}"),
                t.arnFormats());
        assertTrue(KB.resourceType("dynamodb", "nosuch").isEmpty());
        assertTrue(KB.resourceType("nosuch", "table").isEmpty());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "aws:SourceIp,                IPAddress",
            "aws:sourceip,                IPAddress",
            "aws:SecureTransport,         Bool",
            "aws:PrincipalArn,            ARN",
            "aws:CurrentTime,             Date",
            "aws:MultiFactorAuthAge,      Numeric",
            "aws:PrincipalTag/team,       String",
            "aws:ResourceTag/env,         String",
            "aws:TagKeys,                 ArrayOfString",
            "dynamodb:LeadingKeys,        ArrayOfString",
            "s3:prefix,                   String",
            "s3:ExistingObjectTag/owner,  String",
            "kms:ViaService,              String",
            "kms:EncryptionContext:Dept,  String",
            "saml:aud,                    String",
            "token.actions.githubusercontent.com:actor, String",
    })
    void conditionKeyTypes(String key, String type) {
        assertEquals(type, KB.conditionKey(key).orElseThrow(() -> new AssertionError(key)).type());
    }

    @ParameterizedTest
    @CsvSource({"aws:NoSuchKey", "dynamodb:NoSuchKey", "nosuch:Key", "plain"})
    void unknownConditionKeys(String key) {
        assertTrue(KB.conditionKey(key).isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ses,                            ses",
            "sesv2,                          ses",
            "stepfunctions,                  states",
            "sfn,                            states",
            "elbv2,                          elasticloadbalancing",
            "elb,                            elasticloadbalancing",
            "cognito-idp,                    cognito-idp",
            "cognitoidentityserviceprovider, cognito-idp",
            "apigatewaymanagementapi,        execute-api",
            "dynamodbstreams,                dynamodb",
            "logs,                           logs",
            "cloudwatchlogs,                 logs",
            "events,                         events",
            "cloudwatch,                     cloudwatch",
            "sagemaker-runtime,              sagemaker",
            "iot-data,                       iot",
            "rds-data,                       rds-data",
            "s3,                             s3",
            "lambda,                         lambda",
            "secretsmanager,                 secretsmanager",
            "resourcegroupstaggingapi,       tag",
            "efs,                            elasticfilesystem",
            "emr,                            elasticmapreduce",
            // curated in tools/iamdata/curated.json (sdkToIam and boto3Names); every entry is listed here
            "iotdata,                        iot",
            "iotsecuretunneling,             iot",
            "iotevents-data,                 iotevents",
            "iot-jobs-data,                  iotjobsdata",
            "mturk,                          mechanicalturk",
            "cloudcontrol,                   cloudformation",
            "lex-runtime,                    lex",
            "lexv2-models,                   lex",
            "lexv2-runtime,                  lex",
            "marketplace-entitlement,        aws-marketplace",
            "mgh,                            mgh",
    })
    void mapsSdkNamesToIamPrefixes(String sdk, String iam) {
        assertEquals(iam, KB.iamPrefixForSdk(sdk).orElseThrow(() -> new AssertionError(sdk)));
        assertEquals(iam, KB.service(sdk).orElseThrow().prefix());
    }

    @Test
    void connectParticipantHasNoIamActions() {
        // Its API authorizes with participant tokens, not IAM (curated: sdkToIam null).
        assertTrue(KB.iamPrefixForSdk("connectparticipant").isEmpty());
        assertFalse(KB.sdkOperations("connectparticipant").isEmpty());
    }

    @Test
    void serviceInfo() {
        ServiceInfo ses = KB.service("ses").orElseThrow();
        assertTrue(ses.sdkNames().containsAll(List.of("ses", "sesv2")), ses.sdkNames().toString());
        assertFalse(ses.name().isBlank());
        assertTrue(KB.service("nosuchservice").isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ListObjectsV2,               list_objects_v2",
            "GetBucketCors,               get_bucket_cors",
            "DescribeDBInstances,         describe_db_instances",
            "CreateIPSet,                 create_ip_set",
            "GetAPIKeys,                  get_api_keys",
            "PutBucketAcl,                put_bucket_acl",
            "PutBucketACL,                put_bucket_acl",
            "GetBucketACLs,               get_bucket_acls",
            "DescribeSSLPolicies,         describe_ssl_policies",
            "ListIPSets,                  list_ip_sets",
            "ListWebACLs,                 list_web_acls",
            "DescribeVpcEndpoints,        describe_vpc_endpoints",
            "ListTagsForResource,         list_tags_for_resource",
            "DeleteDBClusterSnapshot,     delete_db_cluster_snapshot",
            "GetObject,                   get_object",
            "UpdateItem,                  update_item",
            "AssumeRoleWithSAML,          assume_role_with_saml",
            "ExecutePartiQLStatement,     execute_partiql_statement",
            "CreateCachediSCSIVolume,     create_cached_iscsi_volume",
            "DescribeDBClusterParameterGroups, describe_db_cluster_parameter_groups",
            "already_snake,               already_snake",
    })
    void pythonNames(String operation, String python) {
        assertEquals(python, KnowledgeBase.pythonName(operation));
    }

    @ParameterizedTest(name = "{0}.{1} -> {2}")
    @CsvSource({
            "s3,             get_object,        s3:GetObject",
            "dynamodb,       PutItem,           dynamodb:PutItem",
            "sesv2,          send_email,        ses:SendEmail",
            "stepfunctions,  start_execution,   states:StartExecution",
            "cognito-idp,    admin_get_user,    cognito-idp:AdminGetUser",
            "s3,             list_objects_v2,   ''",
            "nosuch,         get_object,        ''",
    })
    void sameNameActions(String sdk, String operation, String action) {
        assertEquals(action.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(action),
                KB.sameNameAction(sdk, operation).map(ActionInfo::fullName));
    }

    @Test
    void sdkOperations() {
        SdkOperation op = KB.sdkOperation("s3", "list_objects_v2").orElseThrow();
        assertEquals("ListObjectsV2", op.name());
        assertEquals("list_objects_v2", op.pythonName());
        assertTrue(op.inputMembers().contains("Prefix"));
        assertEquals(List.of("Bucket"), op.requiredMembers());
        assertEquals(op, KB.sdkOperation("s3", "ListObjectsV2").orElseThrow());

        SdkOperation put = KB.sdkOperation("dynamodb", "put_item").orElseThrow();
        assertTrue(put.requiredMembers().containsAll(List.of("TableName", "Item")));
        assertEquals("AdminGetUser", KB.sdkOperation("cognito-idp", "admin_get_user").orElseThrow().name());
        assertEquals("StartExecution", KB.sdkOperation("stepfunctions", "start_execution").orElseThrow().name());
        assertEquals("SendEmail", KB.sdkOperation("sesv2", "send_email").orElseThrow().name());
        assertTrue(KB.sdkOperation("s3", "no_such_operation").isEmpty());
        assertTrue(KB.sdkOperation("nosuch", "get_object").isEmpty());
        assertTrue(KB.sdkOperations("sqs").size() > 15);
    }
}
