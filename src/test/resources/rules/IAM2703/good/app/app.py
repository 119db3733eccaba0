from chalice import AuthResponse, Chalice, UnauthorizedError

app = Chalice(app_name="shop")


@app.authorizer()
def token_auth(auth_request):
    if not auth_request.token:
        raise UnauthorizedError("Unauthorized")
    if auth_request.token != "admin":
        return AuthResponse(routes=[], principal_id="user")
    return AuthResponse(routes=["*"], principal_id="admin")


@app.route("/orders", authorizer=token_auth)
def orders():
    return {"orders": []}
