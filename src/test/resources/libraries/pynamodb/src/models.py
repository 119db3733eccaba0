import os

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model


class ByAuthor(GlobalSecondaryIndex):
    class Meta:
        index_name = "by-author"
        projection = AllProjection()

    author = UnicodeAttribute(hash_key=True)


class Note(Model):
    class Meta:
        table_name = os.environ["NOTES_TABLE"]
        region = "eu-west-1"

    note_id = UnicodeAttribute(hash_key=True)
    author = UnicodeAttribute()
    by_author = ByAuthor()


class Audit(Model):
    class Meta:
        table_name = "audit"

    entry_id = UnicodeAttribute(hash_key=True)

    def save(self, condition=None):
        super().save(condition)
