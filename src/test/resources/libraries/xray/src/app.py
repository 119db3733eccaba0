from aws_xray_sdk.core import patch_all, xray_recorder

patch_all()


class Recorder:
    """Not the X-Ray SDK: same-named methods must not count."""

    def begin_subsegment(self, name):
        return name

    def capture(self, name):
        return lambda fn: fn


local = Recorder()


@local.capture("local")
def helper():
    local.begin_subsegment("local")


@xray_recorder.capture("handler")
def handler(event, context):
    xray_recorder.begin_subsegment("work")
    helper()
    xray_recorder.end_subsegment()
    return {}
import traced  # noqa: E402,F401  (module-level code: Powertools Tracer)
