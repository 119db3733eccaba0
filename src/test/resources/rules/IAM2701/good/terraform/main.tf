resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "orders", version = "1" }
    components = {
      securitySchemes = {
        jwt = { type = "apiKey", name = "Authorization", in = "header" }
      }
    }
    paths = {
      "/orders" = { get = { security = [{ jwt = [] }] } }
    }
  })
}

# A body from a variable is not known offline: nothing is said about it.
resource "aws_api_gateway_rest_api" "computed" {
  name = "computed"
  body = var.openapi
}
