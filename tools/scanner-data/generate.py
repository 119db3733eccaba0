#!/usr/bin/env python3
"""Generates the scanner's bundled SDK data into src/main/resources/dev/iampreflight/code/.

Outputs (never edit them by hand; run this script again):
  boto3-resources.json  boto3's resource models (boto/boto3 boto3/data/<service>/<version>/resources-1.json,
                        Apache-2.0), minified and keyed by boto3 service name. The scanner interprets them to map
                        resource objects (dynamodb Table, s3 Bucket/Object, sqs Queue, sns Topic, ...) to client
                        operations with their identifiers filled in.
  waiters.json          {boto3 service: {WaiterName: Operation}} from the AWS SDK for JavaScript v2 waiter models
                        (npm aws-sdk, apis/*.waiters2.json, Apache-2.0); the newest API version of each service wins.

Usage: python3 tools/scanner-data/generate.py [BOTO3_RESOURCES_DIR]
  BOTO3_RESOURCES_DIR defaults to ../shared/data/boto3-resources (a copy of boto3's models); the aws-sdk tarball is
  fetched with `npm pack` (the npm registry is the only network this needs). Needs python3 and npm.
"""
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

AWS_SDK_VERSION = "2.1693.0"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "main", "resources", "dev", "iampreflight", "code")

# aws-sdk v2 file prefixes whose botocore (boto3) service name differs.
SDK_TO_BOTO3 = {
    "email": "ses",
    "monitoring": "cloudwatch",
    "elasticloadbalancing": "elb",
    "elasticloadbalancingv2": "elbv2",
    "elasticmapreduce": "emr",
    "models.lex.v2": "lexv2-models",
    "states": "stepfunctions",
}


def dump(name, data):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes")


def add_service_constructors(model):
    """boto3's service resource can construct every resource type from its identifiers (s3.Object(bucket, key),
    s3.ObjectSummary(...), sqs.Message(url, handle)): boto3 documents these constructors for each service resource.
    Some model copies list only a few under service.has, so the rest are added, each identifier taken as input."""
    has = model.setdefault("service", {}).setdefault("has", {})
    for rtype, rdef in sorted(model.get("resources", {}).items()):
        ids = rdef.get("identifiers", [])
        if rtype not in has and ids:
            has[rtype] = {"resource": {"type": rtype,
                                       "identifiers": [{"target": i["name"], "source": "input"} for i in ids]}}


def resources(src):
    models = {}
    for name in sorted(os.listdir(src)):
        m = re.fullmatch(r"(.+)\.resources-1\.json", name)
        if m:
            with open(os.path.join(src, name), encoding="utf-8") as f:
                model = json.load(f)
            add_service_constructors(model)
            models[m.group(1)] = model
    if not models:
        sys.exit("no *.resources-1.json under " + src)
    return {"_generated_by": "tools/scanner-data/generate.py (do not edit by hand)",
            "_source": "boto/boto3 boto3/data/*/*/resources-1.json (Apache-2.0)", "services": models}


def waiters():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", "aws-sdk@" + AWS_SDK_VERSION], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tgz = os.path.join(tmp, "aws-sdk-%s.tgz" % AWS_SDK_VERSION)
        newest = {}
        with tarfile.open(tgz) as tar:
            for member in tar.getmembers():
                m = re.fullmatch(r"package/apis/(.+)-(\d{4}-\d{2}-\d{2})\.waiters2\.json", member.name)
                if not m:
                    continue
                service = SDK_TO_BOTO3.get(m.group(1), m.group(1))
                if service in newest and newest[service][0] > m.group(2):
                    continue
                data = json.load(tar.extractfile(member))
                newest[service] = (m.group(2), {w: d["operation"] for w, d in data.get("waiters", {}).items()
                                                if "operation" in d})
    return {"_generated_by": "tools/scanner-data/generate.py (do not edit by hand)",
            "_source": "npm aws-sdk@%s apis/*.waiters2.json (Apache-2.0)" % AWS_SDK_VERSION,
            "services": {s: v[1] for s, v in sorted(newest.items())}}


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "..", "shared", "data", "boto3-resources")
    if not os.path.isdir(src):
        src = "/work/shared/data/boto3-resources"
    os.makedirs(OUT, exist_ok=True)
    dump("boto3-resources.json", resources(src))
    dump("waiters.json", waiters())


if __name__ == "__main__":
    main()
