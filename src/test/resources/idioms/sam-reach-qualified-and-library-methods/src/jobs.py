import models


def run(event, context):
    return "imports models, names none of its classes"
