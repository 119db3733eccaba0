from acme import storage


def handler(event, context):
    return storage.save("daily.csv", b"")
