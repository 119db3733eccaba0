provider "aws" {
  region = "eu-west-1"
}

module "orders" {
  source = "../../"
  name   = "orders-basic"
}
