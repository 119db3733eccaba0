from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model as PynamoModel


class Counter(PynamoModel):
    class Meta:
        table_name = "counters"
        region = "us-east-1"

    name = UnicodeAttribute(hash_key=True)
    value = NumberAttribute(default=0)


def handler(event, context):
    counter = Counter(event["name"])
    counter.update(actions=[Counter.value.add(1)])
