import boto3

from tenancy import tenant_keys, tenant_scoped


@tenant_scoped
def handler(event, context):
    table = boto3.Session(**tenant_keys.get()).resource('dynamodb').Table('orders')
    item = table.get_item(Key={'id': event['id']})
    table.put_item(Item={'id': event['id'], 'seen': True})
    return item.get('Item')
