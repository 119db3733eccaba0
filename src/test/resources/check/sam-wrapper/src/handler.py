from platformlib.params import load_all


def main(event, context):
    return load_all("/app/prod")
