import os

from pyocle.service.sns import PublishMessageForm, SimpleNotificationService


class Alerts:
    def __init__(self):
        self.sns = SimpleNotificationService()

    def raise_alert(self, text):
        form = PublishMessageForm(message=text, topic_arn=os.environ['ALERTS_TOPIC'])
        return self.sns.publish(form)


class Outbox:
    def publish(self, form):
        return form
