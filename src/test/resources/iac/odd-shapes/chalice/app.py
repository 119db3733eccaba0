from chalice import Chalice
app = Chalice(app_name="x")
@app.route("/")
def i(): pass
