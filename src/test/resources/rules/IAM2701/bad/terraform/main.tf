resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "orders", version = "1" }
    securityDefinitions = {
      jwt = {
        type                         = "apiKey"
        name                         = "Authorization"
        in                           = "header"
        x-amazon-apigateway-authtype = "custom"
      }
    }
    paths = {
      "/orders" = {
        get = {
          security = [{ jwt = [] }]
          x-amazon-apigateway-integration = {
            type       = "aws_proxy"
            httpMethod = "POST"
            uri        = aws_lambda_function.orders.invoke_arn
          }
        }
      }
    }
  })
}

resource "aws_api_gateway_rest_api" "from_file" {
  name = "files"
  body = file("${path.module}/api/openapi.json")
}
