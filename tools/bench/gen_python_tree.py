#!/usr/bin/env python3
"""Generates a synthetic Python project for the scanner benchmark: N modules in packages of 50, each with imports of
another module, a class holding a client from its constructor, a lazily created global, a helper returning two client
types, comprehensions and env-var resource names (about 60 lines and 8 SDK calls per file).

Usage: gen_python_tree.py OUT_DIR [N_FILES]"""
import os
import sys

TEMPLATE = '''import os
import boto3
from pkg{prev_pkg}.mod{prev} import helper_{prev}

TABLE = os.environ.get("TABLE_{i}", "table-{i}")
_s3 = None


def s3():
    global _s3
    if _s3 is None:
        _s3 = boto3.client("s3")
    return _s3


def client_for(kind):
    if kind == "queue":
        return boto3.client("sqs")
    return boto3.client("sns")


class Repo{i}:
    def __init__(self, mailer):
        self.mailer = mailer
        self.table = boto3.resource("dynamodb").Table(TABLE)

    def save(self, item):
        self.table.put_item(Item=item)
        return [self.table.get_item(Key={{"id": k}}) for k in item]

    def notify(self, to):
        args = {{"FromEmailAddress": "shop@example.com", "Destination": {{"ToAddresses": [to]}}}}
        return self.mailer.send_email(**args)


def helper_{i}(key):
    s3().put_object(Bucket=os.environ["BUCKET"], Key=f"data/{{key}}.json", Body=b"")
    client_for("queue").send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=key)
    return helper_{prev}(key) if key else None


def handler(event, context):
    repo = Repo{i}(boto3.client("sesv2"))
    repo.save({{"id": event["id"]}})
    repo.notify(event["to"])
    for page in s3().get_paginator("list_objects_v2").paginate(Bucket="b{i}"):
        pass
    return helper_{i}(event["key"])
'''


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    for i in range(n):
        pkg = i // 50
        d = os.path.join(out, "pkg%d" % pkg)
        os.makedirs(d, exist_ok=True)
        init = os.path.join(d, "__init__.py")
        if not os.path.exists(init):
            open(init, "w").close()
        prev = (i - 1) % n
        with open(os.path.join(d, "mod%d.py" % i), "w") as f:
            f.write(TEMPLATE.format(i=i, prev=prev, prev_pkg=prev // 50))


if __name__ == "__main__":
    main()
