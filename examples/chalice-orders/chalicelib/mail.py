import boto3


class Mailer:
    def __init__(self, sender, client=None):
        self.sender = sender
        self.client = client or boto3.client("ses")

    def confirm(self, to, order_id):
        args = {
            "Source": self.sender,
            "Destination": {"ToAddresses": [to]},
            "Message": {
                "Subject": {"Data": "Order %s received" % order_id},
                "Body": {"Text": {"Data": "Thank you for your order."}},
            },
        }
        self.client.send_email(**args)
