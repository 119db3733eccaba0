package dev.iampreflight.require;

import dev.iampreflight.code.ScanResult;
import dev.iampreflight.code.SdkCall;
import dev.iampreflight.code.python.PythonScanner;
import dev.iampreflight.iamdata.KnowledgeBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python snippet -> the (action, resource) pairs it needs, for a target in account 123456789012, us-east-1, with
 * TABLE=orders in its environment. Each row is one mapping or resource bullet of the scanner's requirements.
 */
class RequirementTableTest {

    static final KnowledgeBase KB = KnowledgeBase.bundled();
    static final TargetContext TARGET = new TargetContext("test", Map.of("TABLE", "orders", "BUCKET", "media"),
            Optional.of("123456789012"), Optional.of("us-east-1"), Optional.empty(), List.of(Path.of(".")));

    record Row(String name, Map<String, String> files, List<String> expected) {
    }

    static Row row(String name, String code, String... expected) {
        return new Row(name, Map.of("app.py", "import boto3, os\n" + code), List.of(expected));
    }

    /** The flow cases Chalice's policy generator misses, as (action, resource) pairs. */
    static List<Row> flowRows() {
        return List.of(
                new Row("Table through self.resource.Table(name) in a class", Map.of("app.py", """
                        import boto3, os
                        class Orders:
                            def __init__(self):
                                self.resource = boto3.resource('dynamodb')
                                self.table = self.resource.Table(os.environ['TABLE'])
                            def add(self, item):
                                self.table.put_item(Item=item)
                        """), List.of("dynamodb:PutItem arn:aws:dynamodb:us-east-1:123456789012:table/orders")),
                new Row("client passed to a constructor, used via self.client.send_email(**args)", Map.of("app.py", """
                        import boto3
                        class Mailer:
                            def __init__(self, client):
                                self.client = client
                            def send(self, to):
                                args = {'FromEmailAddress': 'shop@example.com', 'Destination': {'ToAddresses': [to]}}
                                self.client.send_email(**args)
                        MAILER = Mailer(boto3.client('sesv2'))
                        """), List.of("ses:SendEmail arn:aws:ses:us-east-1:123456789012:identity/shop@example.com")),
                new Row("helpers in chalicelib/ imported by app.py", Map.of(
                        "app.py", """
                                from chalice import Chalice
                                from chalicelib.db import db
                                from chalicelib.files import bucket
                                app = Chalice(app_name='a')
                                @app.route('/')
                                def index():
                                    db.get_item(Key={'id': '1'})
                                    bucket.download_file('k', '/tmp/k')
                                """,
                        "chalicelib/__init__.py", "",
                        "chalicelib/db.py", "import boto3, os\ndb = boto3.resource('dynamodb').Table(os.environ['TABLE'])\n",
                        "chalicelib/files.py", "import boto3, os\nbucket = boto3.resource('s3').Bucket(os.environ['BUCKET'])\n"),
                        List.of("dynamodb:GetItem arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                                "s3:GetObject arn:aws:s3:::media/k")),
                new Row("helper returning two client types in two branches", Map.of("app.py", """
                        import boto3
                        def client(kind):
                            if kind == 'queue':
                                return boto3.client('sqs')
                            return boto3.client('sns')
                        client('queue').list_queues()
                        """), List.of("sqs:ListQueues *")),
                new Row("nested functions", Map.of("app.py", """
                        import boto3
                        def handler(event, context):
                            s3 = boto3.client('s3')
                            def fetch(key):
                                def inner():
                                    return s3.get_object(Bucket='in', Key=key)
                                return inner()
                            return fetch('a.txt')
                        """), List.of("s3:GetObject arn:aws:s3:::in/a.txt")));
    }

    static List<Row> rows() {
        return List.of(
                row("table name from env", "boto3.resource('dynamodb').Table(os.environ['TABLE']).put_item(Item={})\n",
                        "dynamodb:PutItem arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
                row("env var not set is unknown", "boto3.client('dynamodb').query(TableName=os.getenv('OTHER'))\n",
                        "dynamodb:Query arn:aws:dynamodb:us-east-1:123456789012:table/{?}"),
                row("list_objects_v2 -> ListBucket on the bucket",
                        "boto3.client('s3').list_objects_v2(Bucket='b', Prefix='p/')\n",
                        "s3:ListBucket arn:aws:s3:::b"),
                row("head_bucket", "boto3.client('s3').head_bucket(Bucket='b')\n", "s3:ListBucket arn:aws:s3:::b"),
                row("head_object -> GetObject", "boto3.client('s3').head_object(Bucket='b', Key='k')\n",
                        "s3:GetObject arn:aws:s3:::b/k"),
                row("f-string key", "boto3.client('s3').get_object(Bucket=os.environ['BUCKET'], Key=f'u/{x}.json')\n",
                        "s3:GetObject arn:aws:s3:::media/u/{?}.json"),
                row("copy_object", "boto3.client('s3').copy_object(CopySource='src/a.txt', Bucket='dst', Key='b.txt')\n",
                        "s3:GetObject arn:aws:s3:::src/a.txt", "s3:PutObject arn:aws:s3:::dst/b.txt"),
                row("copy helper", "boto3.client('s3').copy({'Bucket': 'src', 'Key': 'a'}, 'dst', 'b')\n",
                        "s3:GetObject arn:aws:s3:::src/a", "s3:PutObject arn:aws:s3:::dst/b",
                        "s3:AbortMultipartUpload arn:aws:s3:::dst/b"),
                row("delete_objects", "boto3.client('s3').delete_objects(Bucket='b', Delete={'Objects': []})\n",
                        "s3:DeleteObject arn:aws:s3:::b/{?}"),
                row("upload_file with SSE-KMS and ACL",
                        "boto3.client('s3').upload_file('/f', 'b', 'k', ExtraArgs={'ServerSideEncryption': 'aws:kms', "
                                + "'SSEKMSKeyId': 'arn:aws:kms:us-east-1:123456789012:key/abc', 'ACL': 'private'})\n",
                        "s3:PutObject arn:aws:s3:::b/k", "s3:AbortMultipartUpload arn:aws:s3:::b/k",
                        "kms:GenerateDataKey arn:aws:kms:us-east-1:123456789012:key/abc",
                        "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/abc",
                        "s3:PutObjectAcl arn:aws:s3:::b/k"),
                row("multipart", "boto3.client('s3').create_multipart_upload(Bucket='b', Key='k')\n",
                        "s3:PutObject arn:aws:s3:::b/k"),
                row("VersionId and Tagging",
                        "s3 = boto3.client('s3')\ns3.get_object(Bucket='b', Key='k', VersionId='v')\n"
                                + "s3.put_object(Bucket='b', Key='k', Tagging='a=b')\n",
                        "s3:GetObjectVersion arn:aws:s3:::b/k",
                        "s3:PutObject arn:aws:s3:::b/k", "s3:PutObjectTagging arn:aws:s3:::b/k"),
                row("presigned url needs the signed operation",
                        "boto3.client('s3').generate_presigned_url('put_object', Params={'Bucket': 'b', 'Key': 'k'})\n",
                        "s3:PutObject arn:aws:s3:::b/k"),
                row("sqs queue url", "boto3.client('sqs').send_message(QueueUrl="
                                + "'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs', MessageBody='m')\n",
                        "sqs:SendMessage arn:aws:sqs:eu-west-1:111122223333:jobs"),
                row("sns topic arn", "boto3.client('sns').publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='m')\n",
                        "sns:Publish arn:aws:sns:us-east-1:1:t"),
                row("sns sms to a phone number names no topic: Publish on *",
                        "boto3.client('sns').publish(PhoneNumber='+15555550100', Message='m')\n", "sns:Publish *"),
                row("sns publish to a platform endpoint keeps its ARN",
                        "boto3.client('sns').publish(TargetArn='arn:aws:sns:us-east-1:1:endpoint/APNS/app/e',"
                                + " Message='m')\n", "sns:Publish arn:aws:sns:us-east-1:1:endpoint/APNS/app/e"),
                row("ssm parameter with decryption",
                        "boto3.client('ssm').get_parameter(Name='/app/db', WithDecryption=True)\n",
                        "ssm:GetParameter arn:aws:ssm:us-east-1:123456789012:parameter/app/db",
                        "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/{?}"),
                row("ssm by path is authorized on the path",
                        "boto3.client('ssm').get_parameters_by_path(Path='/app/config', Recursive=True)\n",
                        "ssm:GetParametersByPath arn:aws:ssm:us-east-1:123456789012:parameter/app/config"),
                row("secret by name", "boto3.client('secretsmanager').get_secret_value(SecretId='prod/db')\n",
                        "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-{?}"),
                row("kms key id", "boto3.client('kms').decrypt(CiphertextBlob=b'', KeyId='1234abcd')\n",
                        "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/1234abcd"),
                row("lambda invoke with qualifier",
                        "boto3.client('lambda').invoke(FunctionName='worker', Qualifier='live')\n",
                        "lambda:InvokeFunction arn:aws:lambda:us-east-1:123456789012:function:worker:live"),
                row("sesv2 send_email", "boto3.client('sesv2').send_email(FromEmailAddress='Shop <no-reply@example.com>')\n",
                        "ses:SendEmail arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com"),
                row("ses v1 send_email from Source", "boto3.client('ses').send_email(Source='a@example.com')\n",
                        "ses:SendEmail arn:aws:ses:us-east-1:123456789012:identity/a@example.com"),
                row("transact_write_items items",
                        "boto3.client('dynamodb').transact_write_items(TransactItems=[{'Put': {'TableName': 'a'}}, "
                                + "{'Delete': {'TableName': 'b'}}, {'ConditionCheck': {'TableName': 'a'}}])\n",
                        "dynamodb:PutItem arn:aws:dynamodb:us-east-1:123456789012:table/a",
                        "dynamodb:DeleteItem arn:aws:dynamodb:us-east-1:123456789012:table/b",
                        "dynamodb:ConditionCheckItem arn:aws:dynamodb:us-east-1:123456789012:table/a"),
                row("PartiQL by verb",
                        "boto3.client('dynamodb').execute_statement(Statement='SELECT * FROM \"orders\" WHERE id=?')\n",
                        "dynamodb:PartiQLSelect arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
                row("batch_writer", "with boto3.resource('dynamodb').Table('t').batch_writer() as b:\n"
                                + "    b.put_item(Item={})\n",
                        "dynamodb:BatchWriteItem arn:aws:dynamodb:us-east-1:123456789012:table/t"),
                row("waiter -> its operation", "boto3.client('dynamodb').get_waiter('table_exists').wait(TableName='t')\n",
                        "dynamodb:DescribeTable arn:aws:dynamodb:us-east-1:123456789012:table/t"),
                row("paginator -> its operation",
                        "boto3.client('dynamodb').get_paginator('scan').paginate(TableName='t')\n",
                        "dynamodb:Scan arn:aws:dynamodb:us-east-1:123456789012:table/t"),
                row("websocket post_to_connection",
                        "boto3.client('apigatewaymanagementapi', endpoint_url=u).post_to_connection(ConnectionId='c', Data=b'')\n",
                        "execute-api:ManageConnections arn:aws:execute-api:us-east-1:123456789012:{?}/{?}/POST/@connections/c"),
                row("websocket endpoint gives api and stage",
                        "c = boto3.client('apigatewaymanagementapi', "
                                + "endpoint_url='https://abc123.execute-api.eu-west-1.amazonaws.com/prod')\n"
                                + "c.post_to_connection(ConnectionId=cid, Data=b'')\n",
                        "execute-api:ManageConnections arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/POST/"
                                + "@connections/{?}"),
                row("a value from two branches gives both resources",
                        "name = 'orders-prod' if os.environ.get('STAGE') == 'prod' else 'orders-dev'\n"
                                + "boto3.resource('dynamodb').Table(name).put_item(Item={})\n",
                        "dynamodb:PutItem arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod",
                        "dynamodb:PutItem arn:aws:dynamodb:us-east-1:123456789012:table/orders-dev"),
                row("reading a bucket the project writes with SSE-KMS needs kms:Decrypt",
                        "s3 = boto3.client('s3')\nB = os.environ['BUCKET']\n"
                                + "s3.put_object(Bucket=B, Key='a', Body=b'', SSEKMSKeyId='k1', ServerSideEncryption='aws:kms')\n"
                                + "s3.get_object(Bucket=B, Key='a')\n",
                        "s3:PutObject arn:aws:s3:::media/a",
                        "kms:GenerateDataKey arn:aws:kms:us-east-1:123456789012:key/k1",
                        "s3:GetObject arn:aws:s3:::media/a",
                        "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/k1"),
                row("chalice websocket send", "from chalice import Chalice\napp = Chalice(app_name='ws')\n"
                                + "@app.on_ws_message()\ndef message(event):\n"
                                + "    app.websocket_api.send(event.connection_id, 'hi')\n"
                                + "    app.websocket_api.close(connection_id=event.connection_id)\n",
                        "execute-api:ManageConnections arn:aws:execute-api:us-east-1:123456789012:{?}/{?}/POST/"
                                + "@connections/{?}",
                        "execute-api:ManageConnections arn:aws:execute-api:us-east-1:123456789012:{?}/{?}/DELETE/"
                                + "@connections/{?}"),
                row("eventbridge entries name their bus",
                        "boto3.client('events').put_events(Entries=[{'EventBusName': 'orders', 'Detail': '{}'}])\n",
                        "events:PutEvents arn:aws:events:us-east-1:123456789012:event-bus/orders"),
                row("eventbridge default bus",
                        "boto3.client('events').put_events(Entries=[{'Source': 'app', 'Detail': '{}'}])\n",
                        "events:PutEvents arn:aws:events:us-east-1:123456789012:event-bus/default"),
                row("step functions state machine arn",
                        "boto3.client('stepfunctions').start_execution(stateMachineArn="
                                + "'arn:aws:states:us-east-1:123456789012:stateMachine:flow', input='{}')\n",
                        "states:StartExecution arn:aws:states:us-east-1:123456789012:stateMachine:flow"),
                row("kinesis stream name", "boto3.client('kinesis').put_record(StreamName='clicks', Data=b'', "
                                + "PartitionKey='k')\n",
                        "kinesis:PutRecord arn:aws:kinesis:us-east-1:123456789012:stream/clicks"),
                row("cognito user pool", "boto3.client('cognito-idp').admin_get_user(UserPoolId='us-east-1_abc', "
                                + "Username='u')\n",
                        "cognito-idp:AdminGetUser arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"),
                row("S3Transfer object", "from boto3.s3.transfer import S3Transfer\n"
                                + "t = S3Transfer(boto3.client('s3'))\nt.upload_file('/tmp/f', 'b', 'k')\n"
                                + "t.download_file(bucket='b', key='k2', filename='/tmp/g')\n",
                        "s3:PutObject arn:aws:s3:::b/k", "s3:AbortMultipartUpload arn:aws:s3:::b/k",
                        "s3:GetObject arn:aws:s3:::b/k2"),
                row("get_caller_identity needs nothing", "boto3.client('sts').get_caller_identity()\n"),
                row("tags on create need the tagging action",
                        "boto3.client('sqs').create_queue(QueueName='q', tags={'a': 'b'})\n"
                                + "boto3.client('sns').create_topic(Name='t', Tags=[])\n"
                                + "boto3.client('secretsmanager').create_secret(Name='s', Tags=[])\n"
                                + "boto3.client('kms').create_key(Tags=[])\n"
                                + "boto3.client('sqs').create_queue(QueueName='plain')\n",
                        "sqs:CreateQueue arn:aws:sqs:us-east-1:123456789012:q",
                        "sqs:TagQueue arn:aws:sqs:us-east-1:123456789012:q",
                        "sns:CreateTopic arn:aws:sns:us-east-1:123456789012:{?}",
                        "sns:TagResource arn:aws:sns:us-east-1:123456789012:t",
                        "secretsmanager:CreateSecret arn:aws:secretsmanager:us-east-1:123456789012:secret:{?}",
                        "secretsmanager:TagResource arn:aws:secretsmanager:us-east-1:123456789012:secret:s-{?}",
                        "kms:CreateKey *",
                        "kms:TagResource arn:aws:kms:us-east-1:123456789012:key/{?}",
                        "sqs:CreateQueue arn:aws:sqs:us-east-1:123456789012:plain"),
                row("iam:PassRole on the role passed to a service",
                        "boto3.client('lambda').create_function(FunctionName='f', "
                                + "Role='arn:aws:iam::123456789012:role/exec', Code={})\n"
                                + "boto3.client('events').put_targets(Rule='r', Targets=[{'Id': '1', 'Arn': 'x', "
                                + "'RoleArn': 'arn:aws:iam::123456789012:role/ev'}])\n"
                                + "boto3.client('glue').create_job(Name='j', Role='gluerole', Command={})\n",
                        "lambda:CreateFunction arn:aws:lambda:us-east-1:123456789012:function:f",
                        "iam:PassRole arn:aws:iam::123456789012:role/exec",
                        "events:PutTargets arn:aws:events:us-east-1:123456789012:rule/{?}/{?}",
                        "iam:PassRole arn:aws:iam::123456789012:role/ev",
                        "glue:CreateJob arn:aws:glue:us-east-1:123456789012:job/{?}",
                        "iam:PassRole arn:aws:iam::123456789012:role/gluerole"),
                row("iam:PassRole on roles the current models' documentation says are passed",
                        "boto3.client('logs').put_subscription_filter(logGroupName='g', filterName='f', "
                                + "filterPattern='', destinationArn='arn:aws:kinesis:us-east-1:123456789012:stream/s', "
                                + "roleArn='arn:aws:iam::123456789012:role/cwl')\n"
                                + "boto3.client('s3').put_bucket_replication(Bucket='b', ReplicationConfiguration="
                                + "{'Role': 'arn:aws:iam::123456789012:role/repl', 'Rules': []})\n",
                        "logs:PutSubscriptionFilter arn:aws:logs:us-east-1:123456789012:log-group:{?}",
                        "iam:PassRole arn:aws:iam::123456789012:role/cwl",
                        "s3:PutReplicationConfiguration arn:aws:s3:::b",
                        "iam:PassRole arn:aws:iam::123456789012:role/repl"),
                row("current operations: S3 Metadata, rename_object, SSM Default Host Management",
                        "boto3.client('s3').get_bucket_metadata_configuration(Bucket='b')\n"
                                + "boto3.client('s3').rename_object(Bucket='d--use1-az4--x-s3', Key='n', "
                                + "RenameSource='o')\n"
                                + "boto3.client('ssm').deregister_default_host_management_configuration()\n",
                        "s3:GetBucketMetadataTableConfiguration arn:aws:s3:::b",
                        "s3express:CreateSession arn:aws:s3express:us-east-1:123456789012:bucket/d--use1-az4--x-s3",
                        "ssm:GetServiceSetting arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/managed-instance/"
                                + "default-ec2-instance-management-role",
                        "ssm:ResetServiceSetting arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/"
                                + "managed-instance/default-ec2-instance-management-role",
                        "iam:DeleteRole arn:aws:iam::123456789012:role/{?}"),
                row("get_object of a version needs GetObjectVersion, not GetObject (S3 API reference)",
                        "boto3.client('s3').get_object(Bucket='b', Key='k', VersionId='v1')\n",
                        "s3:GetObjectVersion arn:aws:s3:::b/k"),
                row("head_object of a version needs GetObjectVersion only",
                        "boto3.client('s3').head_object(Bucket='b', Key='k', VersionId='v1')\n",
                        "s3:GetObjectVersion arn:aws:s3:::b/k"),
                row("delete_object of a version needs DeleteObject and DeleteObjectVersion",
                        "boto3.client('s3').delete_object(Bucket='b', Key='k', VersionId='v1')\n",
                        "s3:DeleteObject arn:aws:s3:::b/k", "s3:DeleteObjectVersion arn:aws:s3:::b/k"),
                row("delete_objects with version ids needs DeleteObjectVersion too",
                        "boto3.client('s3').delete_objects(Bucket='b', Delete={'Objects': [{'Key': 'k', "
                                + "'VersionId': 'v'}]})\n",
                        "s3:DeleteObject arn:aws:s3:::b/{?}", "s3:DeleteObjectVersion arn:aws:s3:::b/{?}"),
                row("delete_objects without version ids needs DeleteObject only",
                        "boto3.client('s3').delete_objects(Bucket='b', Delete={'Objects': [{'Key': 'k'}]})\n",
                        "s3:DeleteObject arn:aws:s3:::b/{?}"),
                row("put_object_acl of a version needs PutObjectVersionAcl too",
                        "boto3.client('s3').put_object_acl(Bucket='b', Key='k', VersionId='v', ACL='private')\n",
                        "s3:PutObjectAcl arn:aws:s3:::b/k", "s3:PutObjectVersionAcl arn:aws:s3:::b/k"),
                row("get_session_token needs nothing (STS API reference)",
                        "boto3.client('sts').get_session_token()\n"),
                row("cognito user pool operations IAM does not authorize need nothing",
                        "c = boto3.client('cognito-idp')\n"
                                + "c.initiate_auth(AuthFlow='USER_PASSWORD_AUTH', ClientId='x', AuthParameters={})\n"
                                + "c.sign_up(ClientId='x', Username='u', Password='p')\n"
                                + "c.confirm_sign_up(ClientId='x', Username='u', ConfirmationCode='1')\n"
                                + "c.forgot_password(ClientId='x', Username='u')\n"
                                + "c.confirm_forgot_password(ClientId='x', Username='u', ConfirmationCode='1', Password='p')\n"
                                + "c.respond_to_auth_challenge(ClientId='x', ChallengeName='SMS_MFA')\n"
                                + "c.resend_confirmation_code(ClientId='x', Username='u')\n"
                                + "c.get_user(AccessToken='t')\n"
                                + "c.change_password(PreviousPassword='a', ProposedPassword='b', AccessToken='t')\n"
                                + "c.global_sign_out(AccessToken='t')\n"),
                row("cognito admin operations are IAM-authorized on the user pool",
                        "boto3.client('cognito-idp').admin_get_user(UserPoolId='us-east-1_abc', Username='u')\n",
                        "cognito-idp:AdminGetUser arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"),
                row("cognito identity pool public operations need nothing",
                        "c = boto3.client('cognito-identity')\nc.get_id(IdentityPoolId='p')\n"
                                + "c.get_credentials_for_identity(IdentityId='i')\n"),
                row("wildcard-only action", "boto3.client('s3').list_buckets()\n", "s3:ListAllMyBuckets *"),
                row("kms alias is authorized on its key with kms:RequestAlias",
                        "boto3.client('kms').encrypt(KeyId='alias/app', Plaintext=b'')\n",
                        "kms:Encrypt arn:aws:kms:us-east-1:123456789012:key/{?}"),
                row("kms key ARN", "boto3.client('kms').decrypt(KeyId='arn:aws:kms:eu-west-1:111122223333:key/k1')\n",
                        "kms:Decrypt arn:aws:kms:eu-west-1:111122223333:key/k1"),
                row("ssm get_parameters: each name",
                        "boto3.client('ssm').get_parameters(Names=['/a/one', '/a/two'])\n",
                        "ssm:GetParameters arn:aws:ssm:us-east-1:123456789012:parameter/a/one",
                        "ssm:GetParameters arn:aws:ssm:us-east-1:123456789012:parameter/a/two"),
                row("sqs queue url from get_queue_url",
                        "sqs = boto3.client('sqs')\nurl = sqs.get_queue_url(QueueName='jobs')['QueueUrl']\n"
                                + "sqs.send_message(QueueUrl=url, MessageBody='m')\n",
                        "sqs:GetQueueUrl arn:aws:sqs:us-east-1:123456789012:jobs",
                        "sqs:SendMessage arn:aws:sqs:us-east-1:123456789012:jobs"),
                row("sqs resource get_queue_by_name",
                        "boto3.resource('sqs').get_queue_by_name(QueueName='jobs').send_message(MessageBody='m')\n",
                        "sqs:GetQueueUrl arn:aws:sqs:us-east-1:123456789012:jobs",
                        "sqs:SendMessage arn:aws:sqs:us-east-1:123456789012:jobs"),
                row("lambda function ARN", "boto3.client('lambda').invoke(FunctionName="
                                + "'arn:aws:lambda:us-east-1:111122223333:function:worker')\n",
                        "lambda:InvokeFunction arn:aws:lambda:us-east-1:111122223333:function:worker"),
                row("bedrock foundation model id: the model's ARN, with an empty account field",
                        "boto3.client('bedrock-runtime').invoke_model(modelId='amazon.titan-text-premier-v1:0', body='')\n",
                        "bedrock:InvokeModel arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-premier-v1:0"),
                row("bedrock cross-Region inference profile: the profile and the model in the Region it routes to",
                        "boto3.client('bedrock-runtime').converse(modelId='jp.anthropic.claude-sonnet-4-6', messages=[])\n",
                        "bedrock:InvokeModel arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                                + "jp.anthropic.claude-sonnet-4-6",
                        "bedrock:InvokeModel arn:aws:bedrock:{?}::foundation-model/anthropic.claude-sonnet-4-6"),
                row("bedrock model ARN as written; streaming needs InvokeModelWithResponseStream",
                        "boto3.client('bedrock-runtime').invoke_model_with_response_stream(modelId="
                                + "'arn:aws:bedrock:us-west-2:111122223333:application-inference-profile/p1', body='')\n",
                        "bedrock:InvokeModelWithResponseStream arn:aws:bedrock:us-west-2:111122223333:"
                                + "application-inference-profile/p1"),
                row("bedrock model id not known: the foundation model of that id",
                        "boto3.client('bedrock-runtime').converse_stream(modelId=os.environ['MODEL'], messages=[])\n",
                        "bedrock:InvokeModelWithResponseStream arn:aws:bedrock:us-east-1::foundation-model/{?}"),
                row("cloudfront promote staging: GetDistribution and UpdateDistribution on both (API reference)",
                        "boto3.client('cloudfront').update_distribution_with_staging_config(Id='E1', "
                                + "StagingDistributionId='E2', IfMatch='a, b')\n",
                        "cloudfront:GetDistribution arn:aws:cloudfront::123456789012:distribution/E1",
                        "cloudfront:UpdateDistribution arn:aws:cloudfront::123456789012:distribution/E1",
                        "cloudfront:GetDistribution arn:aws:cloudfront::123456789012:distribution/E2",
                        "cloudfront:UpdateDistribution arn:aws:cloudfront::123456789012:distribution/E2",
                        "cloudfront:UpdateDistributionWithStagingConfig arn:aws:cloudfront::123456789012:"
                                + "distribution/E1"),
                row("sqs batch send", "boto3.client('sqs').send_message_batch(QueueUrl='https://sqs.us-east-1.amazonaws.com/1/q', Entries=[])\n",
                        "sqs:SendMessage arn:aws:sqs:us-east-1:1:q"),
                row("batch_get_secret_value needs GetSecretValue on each secret (Secrets Manager API reference)",
                        "boto3.client('secretsmanager').batch_get_secret_value(SecretIdList=['a', 'b'])\n",
                        "secretsmanager:BatchGetSecretValue *",
                        "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:a-{?}",
                        "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:b-{?}"),
                row("batch_get_secret_value with filters lists the secrets too",
                        "boto3.client('secretsmanager').batch_get_secret_value(Filters=[])\n",
                        "secretsmanager:BatchGetSecretValue *",
                        "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:{?}-{?}",
                        "secretsmanager:ListSecrets *"),
                row("sqs message move task: the source queue's reads and the destination's send",
                        "boto3.client('sqs').start_message_move_task(SourceArn='arn:aws:sqs:us-east-1:123456789012:dlq', "
                                + "DestinationArn='arn:aws:sqs:us-east-1:123456789012:jobs')\n",
                        "sqs:StartMessageMoveTask arn:aws:sqs:us-east-1:123456789012:dlq",
                        "sqs:ReceiveMessage arn:aws:sqs:us-east-1:123456789012:dlq",
                        "sqs:DeleteMessage arn:aws:sqs:us-east-1:123456789012:dlq",
                        "sqs:GetQueueAttributes arn:aws:sqs:us-east-1:123456789012:dlq",
                        "sqs:SendMessage arn:aws:sqs:us-east-1:123456789012:jobs"),
                row("kms replicate_key: ReplicateKey on the primary, CreateKey and TagResource in the replica Region",
                        "boto3.client('kms').replicate_key(KeyId='arn:aws:kms:us-east-1:123456789012:key/mrk-1', "
                                + "ReplicaRegion='eu-west-1', Tags=[])\n",
                        "kms:ReplicateKey arn:aws:kms:us-east-1:123456789012:key/mrk-1", "kms:CreateKey *",
                        "kms:TagResource arn:aws:kms:eu-west-1:123456789012:key/{?}"),
                row("a copy from a bucket the project writes with SSE-KMS decrypts with that key",
                        "s3 = boto3.client('s3')\n"
                                + "s3.put_object(Bucket='src', Key='a', Body=b'', SSEKMSKeyId='k1', ServerSideEncryption='aws:kms')\n"
                                + "s3.copy_object(CopySource={'Bucket': 'src', 'Key': 'a'}, Bucket='dst', Key='b')\n",
                        "s3:PutObject arn:aws:s3:::src/a",
                        "kms:GenerateDataKey arn:aws:kms:us-east-1:123456789012:key/k1",
                        "s3:GetObject arn:aws:s3:::src/a", "s3:PutObject arn:aws:s3:::dst/b",
                        "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/k1"),
                row("tags on create: Kinesis streams and EventBridge rules (API references)",
                        "boto3.client('kinesis').create_stream(StreamName='clicks', Tags={'a': 'b'})\n"
                                + "boto3.client('events').put_rule(Name='nightly', Tags=[])\n",
                        "kinesis:CreateStream arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
                        "kinesis:AddTagsToStream arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
                        "events:PutRule arn:aws:events:us-east-1:123456789012:rule/{?}/{?}",
                        "events:TagResource arn:aws:events:us-east-1:123456789012:rule/nightly"),
                row("a SecureString parameter with a customer managed key needs kms:Encrypt (advanced: GenerateDataKey)",
                        "ssm = boto3.client('ssm')\n"
                                + "ssm.put_parameter(Name='/a', Value='v', Type='SecureString', KeyId='alias/app')\n"
                                + "ssm.put_parameter(Name='/b', Value='v', Type='SecureString', KeyId='k2', Tier='Advanced')\n"
                                + "ssm.put_parameter(Name='/c', Value='v', Type='SecureString', KeyId='alias/aws/ssm')\n",
                        "ssm:PutParameter arn:aws:ssm:us-east-1:123456789012:parameter/a",
                        "kms:Encrypt arn:aws:kms:us-east-1:123456789012:key/{?}",
                        "ssm:PutParameter arn:aws:ssm:us-east-1:123456789012:parameter/b",
                        "kms:GenerateDataKey arn:aws:kms:us-east-1:123456789012:key/k2",
                        "ssm:PutParameter arn:aws:ssm:us-east-1:123456789012:parameter/c"),
                row("create_secret with a customer managed key (Secrets Manager API reference, CreateSecret)",
                        "boto3.client('secretsmanager').create_secret(Name='db', KmsKeyId='k3', SecretString='s')\n",
                        "secretsmanager:CreateSecret arn:aws:secretsmanager:us-east-1:123456789012:secret:{?}",
                        "kms:GenerateDataKey arn:aws:kms:us-east-1:123456789012:key/k3",
                        "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/k3"),
                row("newer KMS and Cognito operations map to the actions their API reference names",
                        "boto3.client('kms').decapsulate(KeyId='k4', SharedSecretCiphertextBlob=b'', "
                                + "EncapsulationAlgorithm='ML_KEM')\n"
                                + "boto3.client('cognito-idp').describe_terms_by_client(UserPoolId='us-east-1_abc', "
                                + "ClientId='c', TermsName='t')\n",
                        "kms:Decapsulate arn:aws:kms:us-east-1:123456789012:key/k4",
                        "cognito-idp:DescribeTermsByClient arn:aws:cognito-idp:us-east-1:123456789012:userpool/"
                                + "us-east-1_abc"));
    }

    static List<String> pairs(Map<String, String> files) {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(files);
        RequirementMapper mapper = new RequirementMapper(KB).forProject(r.calls());
        List<String> out = new ArrayList<>();
        for (SdkCall c : r.calls()) {
            for (Requirement q : mapper.requirements(c, TARGET)) {
                out.add(q.action() + " " + q.resource());
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> eachSnippetNeedsExactlyThesePairs() {
        return Stream.concat(flowRows().stream(), rows().stream()).map(r -> DynamicTest.dynamicTest(r.name(), () ->
                assertEquals(r.expected(), pairs(r.files()))));
    }

    @Test
    void aTargetGetsOnlyTheCallsUnderItsCodeRoots() {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of(
                "api/app.py", "import boto3\nboto3.client('sqs').list_queues()\n",
                "worker/app.py", "import boto3\nboto3.client('sns').list_topics()\n"));
        TargetContext worker = new TargetContext("worker", Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(Path.of("worker")));
        List<Requirement> reqs = new RequirementMapper(KB).requirements(r.calls(), worker, Path.of("/project"));
        assertEquals(List.of("sns:ListTopics"), reqs.stream().map(Requirement::action).toList());
        TargetContext all = TargetContext.defaults(Optional.empty(), Optional.empty());
        assertEquals(2, new RequirementMapper(KB).requirements(r.calls(), all, Path.of("/project")).size());
    }

    @Test
    void passRoleNamesTheServiceItPassesTo() {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of("app.py",
                "import boto3\nboto3.client('stepfunctions').create_state_machine(name='m', definition='{}', "
                        + "roleArn='arn:aws:iam::123456789012:role/sm')\n"));
        Requirement q = new RequirementMapper(KB).requirements(r.calls().get(0), TARGET).stream()
                .filter(x -> x.action().equals("iam:PassRole")).findFirst().orElseThrow();
        assertEquals("arn:aws:iam::123456789012:role/sm", q.resource());
        assertEquals(Map.of("iam:PassedToService", "states.amazonaws.com"), q.context());
    }

    /** The requirements of one snippet's calls, by "action resource". */
    static Map<String, Requirement> byPair(String code) {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of("app.py", "import boto3, os\n"
                + code));
        Map<String, Requirement> out = new java.util.LinkedHashMap<>();
        for (SdkCall c : r.calls()) {
            new RequirementMapper(KB).requirements(c, TARGET).forEach(q -> out.put(q.action() + " " + q.resource(), q));
        }
        return out;
    }

    @Test
    void conditionalNeedsSayWhatDecidesThem() {
        // A canned ACL that grants only the owners may not be checked; public-read is (S3 user guide).
        Map<String, Requirement> acl = byPair("s3 = boto3.client('s3')\n"
                + "s3.put_object(Bucket='b', Key='private', ACL='private')\n"
                + "s3.put_object(Bucket='b', Key='public', ACL='public-read')\n");
        assertTrue(acl.get("s3:PutObjectAcl arn:aws:s3:::b/private").onlyWhen().orElseThrow().contains("'private'"));
        assertTrue(acl.get("s3:PutObjectAcl arn:aws:s3:::b/public").onlyWhen().isEmpty());
        // An unknown model id may name a profile; a literal foundation model id or a profile id is certain.
        Map<String, Requirement> bedrock = byPair("b = boto3.client('bedrock-runtime')\n"
                + "b.invoke_model(modelId=os.environ['MODEL'], body='')\n"
                + "b.invoke_model(modelId='eu.amazon.nova-lite-v1:0', body='')\n");
        assertTrue(bedrock.get("bedrock:InvokeModel arn:aws:bedrock:us-east-1::foundation-model/{?}").onlyWhen()
                .orElseThrow().contains("foundation model"));
        assertTrue(bedrock.get("bedrock:InvokeModel arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                + "eu.amazon.nova-lite-v1:0").onlyWhen().isEmpty());
        assertTrue(bedrock.get("bedrock:InvokeModel arn:aws:bedrock:{?}::foundation-model/amazon.nova-lite-v1:0")
                .onlyWhen().isEmpty());
        // The action of the operation's name, which the CloudFront API reference does not list, is not certain.
        Map<String, Requirement> cf = byPair("boto3.client('cloudfront').update_distribution_with_staging_config("
                + "Id='E1', StagingDistributionId='E2', IfMatch='a, b')\n");
        assertTrue(cf.get("cloudfront:UpdateDistributionWithStagingConfig arn:aws:cloudfront::123456789012:"
                + "distribution/E1").onlyWhen().isPresent());
        assertTrue(cf.get("cloudfront:UpdateDistribution arn:aws:cloudfront::123456789012:distribution/E2").onlyWhen()
                .isEmpty());
    }

    @Test
    void kmsAliasSetsTheRequestAliasContext() {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of("app.py",
                "import boto3\nboto3.client('kms').encrypt(KeyId='alias/app', Plaintext=b'')\n"));
        Requirement q = new RequirementMapper(KB).requirements(r.calls().get(0), TARGET).get(0);
        assertEquals(Map.of("kms:RequestAlias", "alias/app"), q.context());
    }

    @Test
    void unknownLocationIsWrittenAsUnknownSegments() {
        ScanResult r = PythonScanner.withKnowledgeBase(KB, List.of()).scanSources(Map.of("app.py",
                "import boto3\nboto3.client('dynamodb').get_item(TableName='t', Key={})\n"));
        Requirement q = new RequirementMapper(KB).requirements(r.calls().get(0),
                TargetContext.defaults(Optional.empty(), Optional.empty())).get(0);
        assertEquals("arn:{?}:dynamodb:{?}:{?}:table/t", q.resource());
        assertTrue(q.why().contains("GetItem"), q.why());
    }

    @Test
    void curatedEntriesCiteTheirSourceAndNameExistingActions() {
        for (var e : CuratedOperations.ENTRIES.entrySet()) {
            assertTrue(e.getValue().source().startsWith("https://docs.aws.amazon.com/"), e.getKey());
            String[] so = e.getKey().split("\\.");
            for (String action : new RequirementMapper(KB).actionsFor(so[0], so[1]).orElseThrow()) {
                assertTrue(KB.action(action).isPresent(), e.getKey() + " -> " + action);
            }
        }
    }
}
