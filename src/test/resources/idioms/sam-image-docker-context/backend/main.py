from app import docs


def handler(event, context):
    return docs.publish(event["name"])
