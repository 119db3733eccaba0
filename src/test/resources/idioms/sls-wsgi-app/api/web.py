import boto3
from flask import Flask

app = Flask(__name__)
table = boto3.resource("dynamodb").Table("notes")
s3 = boto3.client("s3")


@app.route("/notes/<note_id>")
def get_note(note_id):
    return table.get_item(Key={"id": note_id}).get("Item", {})


@app.route("/notes/<note_id>/export", methods=["POST"])
def export_note(note_id):
    s3.put_object(Bucket="notes-export", Key=note_id, Body=b"")
    return {}
