import boto3
from chalice import Chalice
app = Chalice(app_name='x')

def make(name):
    return boto3.client(name)

def get_s3():
    return boto3.client('s3')

SVC = 'sqs'

@app.route('/')
def index():
    s3 = get_s3()
    s3.list_buckets()
    q = boto3.client(SVC)
    q.send_message()
    m = make('sns')
    m.publish()
    use(boto3.client('ses'))
    [boto3.client('kinesis').put_record() for _ in range(2)]
    w = lambda: boto3.client('logs').put_log_events()
    return {}

def use(c):
    c.send_email()

class K:
    def go(self):
        boto3.client('ec2').describe_instances()

@app.schedule('rate(1 hour)')
async def sched(event):
    import boto3 as b
    boto3.client('lambda').invoke()
