import os

from chalice import Chalice

from chalicelib import config

app = Chalice(app_name="settings")


@app.route("/settings")
def settings():
    return config.load(os.environ["PREFIX"])


@app.route("/flags")
def flags():
    return config.load("/flags/dev", False)
