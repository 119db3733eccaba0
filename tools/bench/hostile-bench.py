#!/usr/bin/env python3
"""Time and memory of `check` on hostile inputs that used to be quadratic (issue #14).

    tools/bench/hostile-bench.py [--launcher CMD] [--sizes 50000,100000,200000]

For each size N, writes two small Chalice projects to a temporary folder and runs `LAUNCHER check DIR --format json`
on each, printing the wall seconds, CPU seconds (user+sys of the child), peak resident memory, the exit code and the
first finding about the hostile file:
  * parens: app.py is a handler followed by N unclosed '(' on one line (a parser that backtracks per bracket is
    quadratic here);
  * dupkeys: the stage's policy file is a statement with N/10 duplicate "Sid" keys (duplicate detection by list
    search is quadratic).
Linear cost shows as wall and CPU growing in proportion to N. Standard library only; Linux (reads the child's rusage).
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

CONFIG = {"version": "2.0", "app_name": "hostile", "autogen_policy": False,
          "stages": {"dev": {"iam_policy_file": "policy-dev.json"}}}
APP = ("from chalice import Chalice\nimport boto3\n\napp = Chalice(app_name='hostile')\n\n\n"
       "@app.route('/')\ndef index():\n    boto3.client('s3').get_object(Bucket='b', Key='k')\n    return {}\n")
POLICY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}


def project(base, name, app, policy):
    d = os.path.join(base, name)
    os.makedirs(os.path.join(d, ".chalice"))
    with open(os.path.join(d, ".chalice", "config.json"), "w") as f:
        json.dump(CONFIG, f)
    with open(os.path.join(d, ".chalice", "policy-dev.json"), "w") as f:
        f.write(policy)
    with open(os.path.join(d, "app.py"), "w") as f:
        f.write(app)
    return d


def run(launcher, d):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.run(shlex.split(launcher) + ["check", d, "--format", "json"], capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    first = ""
    try:
        for f in json.loads(p.stdout)["findings"]:
            if f["ruleId"].startswith("IAM000"):
                loc = f["location"]
                first = "%s %s:%s:%s %s" % (f["ruleId"], loc["file"], loc.get("line"), loc.get("column"),
                                            f["message"][:70])
                break
    except (ValueError, KeyError):
        first = "(no JSON report) " + p.stderr.strip()[:100]
    return wall, cpu, after.ru_maxrss / 1024, p.returncode, first


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--launcher", default=os.path.join(ROOT, "bin", "iam-preflight"))
    ap.add_argument("--sizes", default="50000,100000,200000")
    a = ap.parse_args()
    print("%-8s %8s %7s %7s %8s %4s  %s" % ("input", "N", "wall s", "CPU s", "RSS MB", "exit", "finding"))
    with tempfile.TemporaryDirectory() as base:
        for n in [int(s) for s in a.sizes.split(",")]:
            parens = project(base, "parens-%d" % n, APP + "x = " + "(" * n + "\n", json.dumps(POLICY))
            statement = '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", ' \
                + ", ".join('"Sid": "s%d"' % i for i in range(n // 10)) + "}"
            dup = project(base, "dupkeys-%d" % n, APP,
                          '{"Version": "2012-10-17", "Statement": [' + statement + "]}")
            for name, d, count in (("parens", parens, n), ("dupkeys", dup, n // 10)):
                wall, cpu, rss, code, first = run(a.launcher, d)
                print("%-8s %8d %7.2f %7.2f %8.0f %4d  %s" % (name, count, wall, cpu, rss, code, first))
                sys.stdout.flush()


if __name__ == "__main__":
    main()
