from pynamodb.transactions import TransactWrite

from models import Audit, Note


class Market:
    """Not an AWS client: its query() and save() must never count as DynamoDB calls."""

    def query(self, symbol):
        return symbol

    def save(self):
        return None


def handler(event, context):
    note = Note.get(event["id"])
    note.update(actions=[Note.author.set("me")])
    for n in Note.by_author.query("me"):
        n.delete()
    Note(note_id="n2", author="me").save()
    Note.count()
    with TransactWrite() as tx:
        tx.save(Audit(entry_id="e1"))
    Audit(entry_id="e2").save()
    Market().query("AAPL")
    Market().save()
    return {"n": Note.count("me")}
