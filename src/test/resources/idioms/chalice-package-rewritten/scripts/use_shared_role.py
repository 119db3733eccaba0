import json
import sys

with open(sys.argv[1]) as f:
    template = json.load(f)
template["Resources"]["APIHandler"]["Properties"]["Role"] = {"Fn::ImportValue": "shared-upload-role-arn"}
template["Resources"].pop("DefaultRole", None)
with open(sys.argv[2], "w") as f:
    json.dump(template, f)
