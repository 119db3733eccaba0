resource "aws_api_gateway_rest_api" "api" {
  name = "computed"
  body = jsonencode({
    openapi    = "3.0.1"
    info       = { title = "computed", version = "1" }
    components = { securitySchemes = local.schemes }
    paths = {
      "/orders" = { get = { security = [{ anything = [] }] } }
    }
  })
}
