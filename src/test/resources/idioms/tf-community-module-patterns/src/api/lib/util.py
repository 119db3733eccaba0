import json


def body(event):
    return json.dumps(event)
