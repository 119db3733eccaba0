import boto3

from chalicelib.settings import Settings


class SnsNotifier:
    def __init__(self):
        self.sns = boto3.client("sns")

    def notify(self, text):
        self.sns.publish(TopicArn=Settings.TOPIC_ARN, Message=text)


class NullNotifier:
    def notify(self, text):
        pass


class Notices:
    def __init__(self):
        if Settings.ENVIRONMENT == "dev":
            self.notifier = SnsNotifier()
        else:
            self.notifier = NullNotifier()

    def announce(self, text):
        self.notifier.notify(text)


class S3Archiver:
    def archive(self, text):
        boto3.client("s3").put_object(Bucket="notices-archive", Key="last.txt", Body=text.encode())


# Named outside a construction: an archiver may be made on any path, whatever the stage.
ARCHIVERS = {"s3": S3Archiver}
