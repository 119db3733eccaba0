#!/usr/bin/env python3
"""End-to-end throughput and memory of `simulate --batch` (issue #13).

    tools/bench/batch-bench.py [--lines N] [--launcher CMD] [--unknown-every K]

Writes a JSON-lines batch to a temporary folder in three forms and runs the launcher (default bin/iam-preflight) on
each, printing wall seconds, CPU seconds (user+sys of the child), lines per wall-second and per CPU-second, and peak
resident memory:
  * by-reference: one {"policySet": ...} definition of the 10-statement benchmark policy (the same one as
    src/jmh/.../EngineBenchmark), then N request lines that name it, with --no-explain;
  * by-reference + explanations: the same file without --no-explain;
  * inline: every line carries the policy itself (the format before policy sets), with --no-explain.
Every K-th request (default 10) has an unknown resource segment ({?}), answered exactly and then from the cache.
--forms picks some of them (ref, ref-explain, inline); --distinct N adds a memory form: N lines, each with its own
20-statement policy inline (no two alike, so no cache helps), with --no-explain.
--independent DIR also answers the by-reference batch with an independent open-source evaluator,
@cloud-copilot/iam-simulate, installed with `npm install --prefix DIR @cloud-copilot/iam-simulate@0.1.173` (then
offline), through tools/bench/iam-simulate-batch.mjs: prints its CPU seconds and lines per CPU-second beside ours and
counts the lines where the two decisions agree (lines with {?} are ours alone; use --unknown-every 0 to compare all).
Standard library only; Linux (reads the child's rusage).
"""

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "S3Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
     "Resource": "arn:aws:s3:::app-data/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
    {"Sid": "S3List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::app-data",
     "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*", "public/*"]}}},
    {"Sid": "Orders", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
     "Resource": ["arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                  "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*"]},
    {"Sid": "Queue", "Effect": "Allow", "Action": "sqs:SendMessage",
     "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs-*",
     "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
    {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
     "Resource": "arn:aws:logs:*:111122223333:log-group:/aws/lambda/app-*:*"},
    {"Sid": "Secrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
     "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*",
     "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}},
    {"Sid": "Kms", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
     "Condition": {"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}},
    {"Sid": "FromOffice", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}},
    {"Sid": "NoDeletes", "Effect": "Deny", "Action": ["dynamodb:DeleteTable", "s3:DeleteBucket"], "Resource": "*"},
    {"Sid": "OnlyTls", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}

PRINCIPAL = "arn:aws:iam::111122223333:user/alice"
SHAPES = [
    ("s3:GetObject", "arn:aws:s3:::app-data/home/alice/a.txt", {"aws:SecureTransport": True}),
    ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", {}),
    ("dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", {}),
    ("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs-low", {"aws:RequestedRegion": "eu-west-1"}),
]
UNKNOWN = ("dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/{?}", {})


def write(path, n, by_reference, unknown_every):
    policy = json.dumps(POLICY, separators=(",", ":"))
    with open(path, "w") as f:
        if by_reference:
            f.write('{"policySet":{"id":"app","identityPolicies":[%s]}}\n' % policy)
        for i in range(n):
            action, res, ctx = UNKNOWN if unknown_every and i % unknown_every == unknown_every - 1 \
                else SHAPES[i % len(SHAPES)]
            line = {"id": i, "action": action, "resource": res, "principal": PRINCIPAL, "context": ctx}
            text = json.dumps(line, separators=(",", ":"))
            if by_reference:
                text = text[:-1] + ',"policySet":"app"}'
            else:
                text = text[:-1] + ',"identityPolicies":[%s]}' % policy
            f.write(text + "\n")


def write_distinct(path, n):
    with open(path, "w") as f:
        for i in range(n):
            stmts = [{"Sid": "S%d" % k, "Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"],
                      "Resource": "arn:aws:s3:::bucket-%d-%d/*" % (i, k),
                      "Condition": {"StringEquals": {"aws:PrincipalTag/team": "team-%d-%d" % (i, k)}}}
                     for k in range(20)]
            line = {"id": i, "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket-%d-3/key" % i,
                    "principal": PRINCIPAL, "identityPolicies": [{"Version": "2012-10-17", "Statement": stmts}]}
            f.write(json.dumps(line, separators=(",", ":")) + "\n")


def run(launcher, path, extra):
    cmd = shlex.split(launcher) + ["simulate", "--batch", path] + extra
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(os.devnull, "w") as null:
        code = subprocess.call(cmd, stdout=null)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return code, wall, cpu, after.ru_maxrss / 1024.0


def decisions(text):
    return [json.loads(line)["decision"] for line in text.splitlines() if line.strip()]


def compare(launcher, prefix, path, n):
    """Both evaluators on the same batch in one run: CPU seconds, rate, and agreement line by line."""
    cmd = shlex.split(launcher) + ["simulate", "--batch", path, "--no-explain"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = subprocess.run(cmd, stdout=subprocess.PIPE, text=True).stdout
    mid = resource.getrusage(resource.RUSAGE_CHILDREN)
    other = subprocess.run(["node", os.path.join(HERE, "iam-simulate-batch.mjs"), prefix, path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_ours = (mid.ru_utime - before.ru_utime) + (mid.ru_stime - before.ru_stime)
    cpu_other = (after.ru_utime - mid.ru_utime) + (after.ru_stime - mid.ru_stime)
    stats = json.loads(other.stderr.strip().splitlines()[-1])
    a, b = decisions(ours), decisions(other.stdout)
    compared = [(x, y) for x, y in zip(a, b) if y != "skipped"]
    agree = sum(1 for x, y in compared if x == y)
    print("iam-preflight (ours)              %d lines, cpu %6.2f s, %8.0f lines/CPU-s (JVM start included)"
          % (len(a), cpu_ours, n / cpu_ours))
    print("@cloud-copilot/iam-simulate        %d lines answered, cpu %6.2f s, %8.0f lines/CPU-s (Node start "
          "included); answering loop alone %.2f CPU-s, %.0f lines/CPU-s"
          % (stats["answered"], cpu_other, stats["answered"] / cpu_other, stats["loopCpuSeconds"],
             stats["answered"] / max(stats["loopCpuSeconds"], 1e-9)))
    print("agreement                          %d of %d lines compared (lines with {?} are ours alone)"
          % (agree, len(compared)))
    for x, y in compared:
        if x != y:
            print("  first disagreement: ours %s, iam-simulate %s" % (x, y))
            break


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lines", type=int, default=100000)
    p.add_argument("--unknown-every", type=int, default=10)
    p.add_argument("--launcher", default=os.path.join(ROOT, "bin", "iam-preflight"))
    p.add_argument("--forms", default="ref,ref-explain,inline")
    p.add_argument("--distinct", type=int, default=0)
    p.add_argument("--independent", metavar="DIR", help="npm prefix where @cloud-copilot/iam-simulate is installed")
    a = p.parse_args()
    forms = a.forms.split(",") if a.forms else []
    with tempfile.TemporaryDirectory() as tmp:
        ref = os.path.join(tmp, "ref.jsonl")
        inline = os.path.join(tmp, "inline.jsonl")
        write(ref, a.lines, True, a.unknown_every)
        write(inline, a.lines, False, a.unknown_every)
        print("lines %d (every %dth with {?}), load average %s" % (a.lines, a.unknown_every,
                                                                   " ".join("%.1f" % x for x in os.getloadavg())))
        runs = [(name, path, extra, a.lines) for key, name, path, extra in (
            ("ref", "by-reference, --no-explain", ref, ["--no-explain"]),
            ("ref-explain", "by-reference, explanations", ref, []),
            ("inline", "inline policies, --no-explain", inline, ["--no-explain"])) if key in forms]
        if a.distinct:
            distinct = os.path.join(tmp, "distinct.jsonl")
            write_distinct(distinct, a.distinct)
            runs.append(("%d distinct policies inline" % a.distinct, distinct, ["--no-explain"], a.distinct))
        if a.independent:
            compare(a.launcher, a.independent, ref, a.lines)
        for name, path, extra, n in runs:
            code, wall, cpu, rss = run(a.launcher, path, extra)
            # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: run one form per invocation to read each.
            print("%-32s exit %d  wall %6.2f s  cpu %6.2f s  %8.0f lines/s wall  %8.0f lines/CPU-s  peak %5.0f MB"
                  % (name, code, wall, cpu, n / wall, n / cpu, rss))


if __name__ == "__main__":
    sys.exit(main())
