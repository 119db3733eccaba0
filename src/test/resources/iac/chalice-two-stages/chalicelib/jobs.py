from chalice import Blueprint

bp = Blueprint(__name__)


@bp.lambda_function()
def cleanup(event, context):
    return {}
