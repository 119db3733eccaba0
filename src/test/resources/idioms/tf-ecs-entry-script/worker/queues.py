QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/reports"
