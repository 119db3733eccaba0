{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:*:*:${topic}"}
  ]
}
