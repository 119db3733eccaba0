# A Flask-style extension: the models' base class is reached through an attribute of an object, and that base
# subclasses PynamoDB's Model. Resolving it asks for one class's bases while another's are being worked out.
from pynamodb.models import Model


class BaseModel(Model):
    @classmethod
    def create_table(cls):
        return super().create_table(wait=True)


class Database:
    Model = BaseModel

    @property
    def connection(self):
        return self.Model


db = Database()
