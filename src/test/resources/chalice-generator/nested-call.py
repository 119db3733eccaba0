import boto3
from chalice import Chalice
app = Chalice(app_name='x')
S3 = boto3.client('s3')

@app.route('/')
def index():
    S3.list_buckets()
    helper_after()
    return {}

def helper_after():
    boto3.client('sqs').send_message(QueueUrl='q', MessageBody='b')

def by_dict():
    boto3.client('sns').publish(TopicArn='t', Message='m')

ACTIONS = {'x': by_dict}

@app.route('/d')
def dispatch():
    ACTIONS['x']()
    def inner():
        boto3.client('ses').send_email()
    inner()
    return {}

@app.on_cw_event({'source': ['x']})
def cw(event):
    boto3.client('kinesis').put_record()

@app.on_dynamodb_record(stream_arn='x')
def ddb(event):
    boto3.client('dynamodb').put_item()

@app.lambda_function()
def fn(event, context):
    boto3.resource('dynamodb').Table('t').put_item(Item={})
    boto3.Session().client('logs').put_log_events()
    c = boto3.client(service_name='ssm')
    c.get_parameter(Name='x')
    p = boto3.client('s3').get_paginator('list_objects_v2')
    p.paginate(Bucket='b')
    LATE.get_item()
    return {}

LATE = boto3.client('dynamodb')
