import os
import boto3
_table = None
def get_table():
    global _table
    if _table is None:
        _table = boto3.resource('dynamodb').Table(os.environ.get('TABLE', 'orders'))
    return _table
def broken(:
    pass
