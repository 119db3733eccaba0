import os
import boto3
from chalice import Chalice
from chalicelib.db import get_table

app = Chalice(app_name='demo')
s3 = boto3.client('s3')

@app.route('/orders/{oid}')
def get_order(oid):
    item = get_table().get_item(Key={'id': oid})
    s3.put_object(Bucket=os.environ['BUCKET'], Key=f'orders/{oid}.json', Body=b'',
                  ServerSideEncryption='aws:kms')
    return item
