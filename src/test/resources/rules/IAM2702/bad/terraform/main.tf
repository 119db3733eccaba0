resource "aws_api_gateway_rest_api" "api" {
  name = "v2"
  body = jsonencode({
    swagger = "2.0"
    info    = { title = "v2", version = "1" }
    securityDefinitions = {
      cognito = { type = "apiKey", name = "Authorization", in = "header" }
    }
    security = [{ cognitoo = [] }]
    paths = {
      "/a" = { get = { security = [{ cognito = [] }] } }
    }
  })
}
