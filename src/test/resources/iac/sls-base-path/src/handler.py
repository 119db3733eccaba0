def shoot(event, context):
    return event
