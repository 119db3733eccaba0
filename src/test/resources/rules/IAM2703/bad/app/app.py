from chalice import AuthResponse, Chalice, ForbiddenError

from chalicelib import tokens
from chalicelib.tokens import admin_auth

app = Chalice(app_name="shop")
app.register_blueprint(tokens.bp)


@app.authorizer()
def token_auth(auth_request):
    user = tokens.verify(auth_request.token)
    if user is None:
        raise ForbiddenError("invalid token")
    return AuthResponse(routes=["*"], principal_id=user)


@app.route("/orders", authorizer=token_auth)
def orders():
    return {"orders": []}


@app.route("/admin", authorizer=admin_auth)
def admin():
    return {}
