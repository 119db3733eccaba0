import os

import boto3
from chalice import Chalice

from chalicelib.jobs import bp

app = Chalice(app_name='shop')
app.register_blueprint(bp, name_prefix='jobs_')


@app.route('/orders', methods=['GET'])
def list_orders():
    table = boto3.resource('dynamodb').Table(os.environ['TABLE_NAME'])
    return table.scan()['Items']


@app.route(
    '/orders/{order_id}',  # a comment with a ) bracket
    methods=['PUT'],
)
def put_order(order_id):
    return {}


@app.on_sqs_message(queue='orders',
                    batch_size=1, name='process_order')
def handle_order(event):
    for record in event:
        print(record.body)


@app.schedule('rate(1 day)')
def nightly_report(event):
    pass


@app.on_ws_message()
def message(event):
    pass
