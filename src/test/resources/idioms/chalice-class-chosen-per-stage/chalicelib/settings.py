from decouple import config


class Settings:
    ENVIRONMENT = config("ENVIRONMENT", default="local")
    TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:notices-dev"
