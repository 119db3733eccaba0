def main(event, context):
    return "pong"
