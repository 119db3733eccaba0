# The function's zip is made by the project's own packaging script (scripts/build.sh), run before terraform apply:
# nothing in the configuration builds it, so the check cannot know what the archive holds.
module "orders" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "6.0.0"

  function_name          = "orders"
  handler                = "api.orders.index.handler"
  runtime                = "python3.12"
  create_package         = false
  local_existing_package = "${path.module}/../src/api/orders/dist/orders.zip"

  attach_policy_statements = true
  policy_statements = {
    read = {
      effect    = "Allow"
      actions   = ["dynamodb:GetItem"]
      resources = ["arn:aws:dynamodb:*:*:table/orders"]
    }
  }
}
