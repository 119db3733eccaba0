from contextlib import contextmanager

import boto3


def cli():
    boto3.client("sqs").purge_queue(QueueUrl="x")


@contextmanager
def heartbeat(token):
    # Reached only when code calls it: the decorator registers nothing.
    boto3.client("stepfunctions").send_task_heartbeat(taskToken=token)
    yield
