import chalice

bp = chalice.Blueprint(__name__)


def verify(token):
    return token or None


@bp.authorizer(ttl_seconds=60)
def admin_auth(auth_request):
    if not auth_request.token:
        raise chalice.ForbiddenError("missing token")
    return chalice.AuthResponse(routes=["/admin"], principal_id="admin")
