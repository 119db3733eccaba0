# The queue's key lives in the security account (222222222222); its key policy is kept in keys/orders-key.json.
resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_lambda_function" "reader" {
  function_name = "reader"
  role          = "arn:aws:iam::111111111111:role/reader"
  handler       = "reader.handler"
  runtime       = "python3.12"
  filename      = "build/reader.zip"
}
