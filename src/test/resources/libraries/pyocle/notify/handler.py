from pyocle.service.kms import DecryptForm, KeyManagementService
from pyocle.service.ses import SimpleEmailService, TemplatedEmailForm

from mailer import Alerts, Outbox


def handler(event, context):
    Alerts().raise_alert('order failed')
    Outbox().publish(event)
    SimpleEmailService().send_templated_email(TemplatedEmailForm(
        source='Shop <orders@example.com>', to_addresses=['ops@example.com'],
        template='order-failed', template_data={'id': event['id']}))
    secret = KeyManagementService().decrypt(DecryptForm(cipher_text_blob=event['blob']))
    return secret['Plaintext']
