from chalice import Chalice

from chalicelib.notifiers import ARCHIVERS, NullNotifier, Notices, S3Archiver, SnsNotifier
from chalicelib.settings import Settings

app = Chalice(app_name="notifier")

if Settings.ENVIRONMENT == "dev":
    notifier = SnsNotifier()
else:
    notifier = NullNotifier()

notices = Notices()

if Settings.ENVIRONMENT == "dev":
    archiver = S3Archiver()
else:
    archiver = ARCHIVERS["s3"]()


@app.route("/ping", methods=["POST"])
def ping():
    notifier.notify("ping")
    return {"ok": True}


@app.route("/announce", methods=["POST"])
def announce():
    notices.announce(app.current_request.json_body["text"])
    return {"ok": True}


@app.route("/archive", methods=["POST"])
def archive():
    archiver.archive(app.current_request.raw_body.decode())
    return {"ok": True}
