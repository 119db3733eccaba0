package dev.iampreflight.code.python;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.iampreflight.code.python.ScanHarness.files;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Table of small projects and the SDK calls the scanner must find in them (exactly, in location order). Each row is
 * one bullet of the scanner's requirements.
 */
class CallFindingTest {

    record Case(String name, Map<String, String> files, List<String> expected) {
    }

    static Case one(String name, String appPy, String... expected) {
        return new Case(name, files("app.py", appPy), List.of(expected));
    }

    static List<Case> cases() {
        return List.of(
                one("client literal", """
                        import boto3
                        s3 = boto3.client('s3')
                        s3.put_object(Bucket='b', Key='k', Body=b'x')
                        """, "s3.put_object(Bucket='b', Key='k', Body='x') HIGH"),
                one("client keyword service_name", """
                        import boto3
                        c = boto3.client(service_name='sqs', region_name='eu-west-1')
                        c.send_message(QueueUrl='https://sqs.eu-west-1.amazonaws.com/123456789012/q', MessageBody='m')
                        """, "sqs.send_message(QueueUrl='https://sqs.eu-west-1.amazonaws.com/123456789012/q', "
                        + "MessageBody='m') HIGH"),
                one("aliases", """
                        import boto3 as b3
                        from boto3 import client
                        from boto3 import resource as res
                        b3.client('sns').publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='m')
                        client('ssm').get_parameter(Name='/app/x')
                        res('dynamodb').Table('t').get_item(Key={'id': '1'})
                        """, "sns.publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='m') HIGH",
                        "ssm.get_parameter(Name='/app/x') HIGH",
                        "dynamodb.get_item(TableName='t', Key={id: '1'}) HIGH"),
                one("sessions", """
                        import boto3
                        import boto3.session
                        import botocore.session
                        s = boto3.session.Session(region_name='us-east-1')
                        s.client('kms').decrypt(CiphertextBlob=b'')
                        boto3.Session().resource('s3').Bucket('b').delete()
                        botocore.session.get_session().create_client('sts').get_caller_identity()
                        """, "kms.decrypt(CiphertextBlob='') HIGH", "s3.delete_bucket(Bucket='b') HIGH",
                        "sts.get_caller_identity() HIGH"),
                one("aioboto3 async clients", """
                        import aioboto3
                        async def handler(event, context):
                            session = aioboto3.Session()
                            async with session.client('s3') as s3:
                                await s3.put_object(Bucket='b', Key='k', Body=b'')
                            async with session.resource('dynamodb') as ddb:
                                table = await ddb.Table('t')
                                await table.put_item(Item={})
                        """, "s3.put_object(Bucket='b', Key='k', Body='') HIGH",
                        "dynamodb.put_item(TableName='t', Item={}) HIGH"),
                one("resource objects", """
                        import boto3
                        s3 = boto3.resource('s3')
                        bucket = s3.Bucket('photos')
                        bucket.put_object(Key='a.jpg', Body=b'')
                        s3.Object('photos', 'b.jpg').get()
                        for o in bucket.objects.filter(Prefix='x/'):
                            o.delete()
                        bucket.objects.all().delete()
                        sqs = boto3.resource('sqs')
                        sqs.Queue('https://sqs.us-east-1.amazonaws.com/1/q').send_message(MessageBody='m')
                        boto3.resource('sns').Topic('arn:aws:sns:us-east-1:1:t').publish(Message='m')
                        """, "s3.put_object(Bucket='photos', Key='a.jpg', Body='') HIGH",
                        "s3.get_object(Bucket='photos', Key='b.jpg') HIGH",
                        "s3.list_objects(Bucket='photos', Prefix='x/') HIGH",
                        "s3.delete_object(Bucket='photos', Key=?) HIGH",
                        "s3.list_objects(Bucket='photos') HIGH",
                        "s3.delete_objects(Bucket='photos', Key=?) HIGH",
                        "sqs.send_message(QueueUrl='https://sqs.us-east-1.amazonaws.com/1/q', MessageBody='m') HIGH",
                        "sns.publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='m') HIGH"),
                one("table batch_writer", """
                        import boto3
                        table = boto3.resource('dynamodb').Table('orders')
                        with table.batch_writer() as batch:
                            for i in range(3):
                                batch.put_item(Item={'id': str(i)})
                        """, "dynamodb.batch_write_item(TableName='orders', Item={id: ?}) HIGH"),
                one("paginators and waiters", """
                        import boto3
                        s3 = boto3.client('s3')
                        for page in s3.get_paginator('list_objects_v2').paginate(Bucket='b'):
                            pass
                        ddb = boto3.client('dynamodb')
                        ddb.get_waiter('table_exists').wait(TableName='t')
                        """, "s3.list_objects_v2(Bucket='b') HIGH", "dynamodb.describe_table(TableName='t') HIGH"),
                one("s3transfer helpers and presigned urls", """
                        import boto3
                        s3 = boto3.client('s3')
                        s3.upload_file('/tmp/f', 'b', 'k', ExtraArgs={'ServerSideEncryption': 'aws:kms'})
                        s3.download_file('b', 'k2', '/tmp/g')
                        s3.copy({'Bucket': 'src', 'Key': 'a'}, 'dst', 'b')
                        url = s3.generate_presigned_url('get_object', Params={'Bucket': 'b', 'Key': 'k3'})
                        boto3.resource('s3').Bucket('b').upload_fileobj(f, 'k4')
                        """, "s3.upload_file(Filename='/tmp/f', Bucket='b', Key='k', ServerSideEncryption='aws:kms') HIGH",
                        "s3.download_file(Bucket='b', Key='k2', Filename='/tmp/g') HIGH",
                        "s3.copy(CopySource={Bucket: 'src', Key: 'a'}, Bucket='dst', Key='b') HIGH",
                        "s3.get_object(Bucket='b', Key='k3') HIGH",
                        "s3.upload_fileobj(Bucket='b', Fileobj=?, Key='k4') HIGH"),
                one("environment values", """
                        import os
                        import boto3
                        from os import environ
                        TABLE = os.environ['TABLE_NAME']
                        t = boto3.resource('dynamodb').Table(TABLE)
                        t.put_item(Item={})
                        boto3.client('s3').get_object(Bucket=os.getenv('BUCKET', 'fallback'), Key=f"users/{uid}.json")
                        boto3.client('sqs').send_message(QueueUrl=environ.get('QUEUE_URL'), MessageBody='x')
                        """, "dynamodb.put_item(TableName=env[TABLE_NAME], Item={}) HIGH",
                        "s3.get_object(Bucket=env[BUCKET] or 'fallback', Key='users/' + ? + '.json') HIGH",
                        "sqs.send_message(QueueUrl=env[QUEUE_URL], MessageBody='x') HIGH"),
                one("table through self.resource in a class", """
                        import boto3
                        class Repo:
                            def __init__(self, table_name):
                                self.resource = boto3.resource('dynamodb')
                                self.table = self.resource.Table(table_name)
                            def save(self, item):
                                self.table.put_item(Item=item)
                        repo = Repo('users')
                        """, "dynamodb.put_item(TableName='users', Item=?) HIGH"),
                one("client passed to a constructor, **kwargs", """
                        import boto3
                        class Mailer:
                            def __init__(self, client):
                                self.client = client
                            def send(self, to):
                                args = {'FromEmailAddress': 'a@example.com', 'Destination': {'ToAddresses': [to]}}
                                return self.client.send_email(**args)
                        mailer = Mailer(boto3.client('sesv2'))
                        """, "sesv2.send_email(FromEmailAddress='a@example.com', Destination={ToAddresses: [?]}) HIGH"),
                one("helper returning two client types", """
                        import boto3
                        def client_for(kind):
                            if kind == 'queue':
                                return boto3.client('sqs')
                            else:
                                return boto3.client('sns')
                        def handler(event, context):
                            client_for('queue').list_queues()
                        """, "sns.list_queues() HIGH", "sqs.list_queues() HIGH"),
                one("nested functions and function parameters", """
                        import boto3
                        def outer():
                            s3 = boto3.client('s3')
                            def inner(key):
                                return s3.get_object(Bucket='b', Key=key)
                            return inner('k')
                        def put(client, key):
                            client.put_object(Bucket='b', Key=key)
                        put(boto3.client('s3'), 'x')
                        """, "s3.get_object(Bucket='b', Key='k') HIGH", "s3.put_object(Bucket='b', Key='x') HIGH"),
                one("lazily created global", """
                        import boto3
                        _ssm = None
                        def ssm():
                            global _ssm
                            if _ssm is None:
                                _ssm = boto3.client('ssm')
                            return _ssm
                        def handler(e, c):
                            return ssm().get_parameter(Name='/p', WithDecryption=True)
                        """, "ssm.get_parameter(Name='/p', WithDecryption='True') HIGH"),
                one("comprehensions and decorators", """
                        import boto3
                        import functools
                        s3 = boto3.client('s3')
                        keys = [s3.head_object(Bucket='b', Key=k) for k in ['a', 'b']]
                        def with_sqs(fn):
                            @functools.wraps(fn)
                            def wrapper(*args, **kwargs):
                                return fn(boto3.client('sqs'), *args, **kwargs)
                            return wrapper
                        @with_sqs
                        def handler(sqs, event):
                            sqs.delete_message(QueueUrl='u', ReceiptHandle='r')
                        @functools.lru_cache()
                        def table():
                            return boto3.resource('dynamodb').Table('cached')
                        table().scan()
                        """, "s3.head_object(Bucket='b', Key='a' | 'b') HIGH",
                        "sqs.delete_message(QueueUrl='u', ReceiptHandle='r') HIGH",
                        "dynamodb.scan(TableName='cached') HIGH"),
                one("decorator that wraps a method and passes it a table", """
                        import boto3
                        def with_table(fn):
                            def wrapper(self, *args, **kwargs):
                                return fn(self, boto3.resource('dynamodb').Table('audit'), *args, **kwargs)
                            return wrapper
                        class Service:
                            @with_table
                            def record(self, table, event):
                                table.put_item(Item=event)
                        """, "dynamodb.put_item(TableName='audit', Item=?) HIGH"),
                one("subclass inherits a client set in the base constructor", """
                        import boto3
                        class Base:
                            def __init__(self, service):
                                self.client = boto3.client(service)
                        class Queue(Base):
                            def __init__(self):
                                super().__init__('sqs')
                            def push(self):
                                self.client.send_message(QueueUrl='u', MessageBody='b')
                        """, "sqs.send_message(QueueUrl='u', MessageBody='b') HIGH"),
                one("explicit base constructor call", """
                        import boto3
                        class Base:
                            def __init__(self, service):
                                self.client = boto3.client(service)
                        class Topic(Base):
                            def __init__(self):
                                Base.__init__(self, 'sns')
                            def push(self):
                                self.client.publish(TopicArn='t', Message='m')
                        """, "sns.publish(TopicArn='t', Message='m') HIGH"),
                one("unknown receiver is a low-confidence match", """
                        import boto3
                        s3 = boto3.client('s3')
                        def upload(c):
                            c.put_object(Bucket='b', Key='k')
                        def other(x):
                            x.put_item(Item={})
                        """, "s3.put_object(Bucket='b', Key='k') LOW"),
                one("nothing else is reported", """
                        import boto3
                        s3 = boto3.client('s3')
                        s3.get_paginator('list_objects_v2')
                        s3.can_paginate('list_objects_v2')
                        d = {}
                        d.get('x')
                        print('put_object')
                        """),
                new Case("a client passed to a function of another module", files(
                        "app.py", """
                                import boto3
                                from lib.store import save
                                def handler(event, context):
                                    save(boto3.client('s3'), event['key'])
                                """,
                        "lib/store.py", """
                                def save(s3, key):
                                    s3.put_object(Bucket='uploads', Key=key, Body=b'')
                                """),
                        List.of("s3.put_object(Bucket='uploads', Key=?, Body='') HIGH")),
                new Case("wildcard import and env or default", files(
                        "app.py", """
                                from clients import *
                                def handler(event, context):
                                    TABLE.delete_item(Key={})
                                """,
                        "clients.py", """
                                import os
                                import boto3
                                TABLE = boto3.resource('dynamodb').Table(os.environ.get('T') or 'fallback')
                                """),
                        List.of("dynamodb.delete_item(TableName=env[T] or 'fallback', Key={}) HIGH")),
                new Case("imports across the project", files(
                        "app.py", """
                                from chalice import Chalice
                                from chalicelib.db import db, get_table
                                from chalicelib import storage
                                app = Chalice(app_name='x')
                                @app.route('/')
                                def index():
                                    db.get_item(Key={'id': '1'})
                                    get_table().delete_item(Key={})
                                    storage.BUCKET.put_object(Key='k', Body=b'')
                                """,
                        "chalicelib/__init__.py", "",
                        "chalicelib/db.py", """
                                import os
                                import boto3
                                db = boto3.resource('dynamodb').Table(os.environ['APP_TABLE_NAME'])
                                def get_table():
                                    return db
                                """,
                        "chalicelib/storage.py", """
                                import boto3
                                from .names import BUCKET_NAME
                                BUCKET = boto3.resource('s3').Bucket(BUCKET_NAME)
                                """,
                        "chalicelib/names.py", "BUCKET_NAME = 'media-' + 'prod'\n"),
                        List.of("dynamodb.get_item(TableName=env[APP_TABLE_NAME], Key={id: '1'}) HIGH",
                                "dynamodb.delete_item(TableName=env[APP_TABLE_NAME], Key={}) HIGH",
                                "s3.put_object(Bucket='media-prod', Key='k', Body='') HIGH")));
    }

    @TestFactory
    Stream<DynamicTest> findsTheExpectedCalls() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () ->
                assertEquals(c.expected(), ScanHarness.rendered(ScanHarness.scan(c.files(), List.of())))));
    }
}
