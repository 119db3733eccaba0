#!/usr/bin/env python3
"""Writes src/main/resources/dev/iampreflight/iamdata/sam-connectors.json: the statements an AWS SAM connector
(AWS::Serverless::Connector, or the Connectors property of a resource) adds to a Lambda function's role, per
destination type and access category, from the AWS SAM translator's own connector profiles
(samtranslator/model/connector_profiles/profiles.json, Apache-2.0).

    python3 tools/sam-connectors/generate.py [PROFILES_JSON]

Without an argument it reads the profiles of the installed aws-sam-translator (pip install aws-sam-translator).
Only profiles whose source is a Lambda function and whose policy goes on the source's role are kept: the others
are resource policies (SQS/SNS policies, Lambda permissions) on resources of the template.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "main", "resources", "dev", "iampreflight", "iamdata",
                   "sam-connectors.json")


def main():
    if len(sys.argv) > 1:
        path, version = sys.argv[1], "unknown"
    else:
        import samtranslator
        path = os.path.join(os.path.dirname(samtranslator.__file__), "model", "connector_profiles", "profiles.json")
        version = samtranslator.__version__
    with open(path, encoding="utf-8") as f:
        profiles = json.load(f)
    destinations = {}
    for dest, profile in sorted(profiles["Permissions"].get("AWS::Lambda::Function", {}).items()):
        props = profile.get("Properties", {})
        if profile.get("Type") != "AWS_IAM_ROLE_MANAGED_POLICY" or not props.get("SourcePolicy"):
            continue
        destinations[dest] = {category: access["Statement"]
                              for category, access in sorted(props["AccessCategories"].items())}
    outputs = {t: {k: v for k, v in spec.get("Outputs", {}).items() if isinstance(v, dict)}
               for t, spec in sorted(profiles.get("CfnResourceProperties", {}).items())}
    data = {
        "_generated": "by tools/sam-connectors/generate.py; do not edit by hand",
        "source": "aws-sam-translator " + version + " samtranslator/model/connector_profiles/profiles.json "
                  "(Apache-2.0, https://github.com/aws/serverless-application-model)",
        "destinations": destinations,
        "outputs": outputs,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", os.path.normpath(OUT), len(destinations), "destination types")


if __name__ == "__main__":
    main()
