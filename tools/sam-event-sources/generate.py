#!/usr/bin/env python3
"""Writes src/main/resources/dev/iampreflight/iamdata/sam-event-sources.json: what AWS SAM adds to the role it
generates for a function (a function without a Role property) for each pull event source type of its Events
(SQS, Kinesis, DynamoDB, MSK, MQ, SelfManagedKafka, DocumentDB), from the AWS SAM translator itself
(samtranslator/model/eventsources/pull.py, Apache-2.0): each PullEventSource subclass's get_policy_arn() (an AWS
managed policy, added to the generated role by PullEventSource._link_policy; null for the types that add none).
The statements SAM builds from an event's own properties (get_policy_statements: MQ brokers and secrets, DocumentDB
clusters, Kafka authentication secrets, schema registries; the DestinationConfig policy) depend on values in the
template and are not part of this data (docs/infrastructure.md says so).

    python3 tools/sam-event-sources/generate.py          # write the data
    python3 tools/sam-event-sources/generate.py --check  # exit 1 when the bundled facts differ from the translator's

Requires the aws-sam-translator package (pip install aws-sam-translator). No translator code is copied: the
generator asks the installed translator's classes for their facts.
"""
import inspect
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "main", "resources", "dev", "iampreflight", "iamdata",
                   "sam-event-sources.json")


def build():
    import samtranslator
    from samtranslator.model.eventsources import pull
    from samtranslator.translator.arn_generator import ArnGenerator

    # The partition only shapes the ARN's prefix, which is stripped: any region of the aws partition will do.
    ArnGenerator.BOTO_SESSION_REGION_NAME = "us-east-1"
    events = {}
    for _, cls in sorted(inspect.getmembers(pull, inspect.isclass)):
        if not issubclass(cls, pull.PullEventSource) or cls is pull.PullEventSource or not cls.resource_type:
            continue
        source = cls("Event")
        prefix = ArnGenerator.generate_aws_managed_policy_arn("")
        arn = source.get_policy_arn()
        events[cls.resource_type] = {
            "managedPolicy": arn[len(prefix):] if arn and arn.startswith(prefix) else arn,
        }
    return {
        "_generated": "by tools/sam-event-sources/generate.py; do not edit by hand",
        "source": "aws-sam-translator " + samtranslator.__version__ + " samtranslator/model/eventsources/pull.py "
                  "(Apache-2.0, https://github.com/aws/serverless-application-model)",
        "events": events,
    }


def render(data):
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def main():
    data = build()
    text = render(data)
    if "--check" in sys.argv[1:]:
        # The facts, not the translator's version string: another release that adds nothing is still in step.
        with open(OUT, encoding="utf-8") as f:
            current = json.load(f)
        if current.get("events") != data["events"]:
            print("sam-event-sources.json is not in step with the installed aws-sam-translator; run "
                  "python3 tools/sam-event-sources/generate.py", file=sys.stderr)
            sys.exit(1)
        print("in step")
        return
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, OUT)
    print("wrote", os.path.normpath(OUT), len(json.loads(text)["events"]), "event source types")


if __name__ == "__main__":
    main()
