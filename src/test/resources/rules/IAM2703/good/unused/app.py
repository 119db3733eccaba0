from chalice import AuthResponse, Chalice, ForbiddenError

app = Chalice(app_name="shop")


# No route names this authorizer: nothing is protected by it.
@app.authorizer()
def spare_auth(auth_request):
    raise ForbiddenError("no")


@app.route("/ping")
def ping():
    return {}
