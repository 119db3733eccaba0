# One local module instantiated per key of a for_each: each instance is its own target, addressed as Terraform
# addresses it (module.fn["orders"]), with each.key passed in as an input.
module "fn" {
  for_each = toset(["orders", "billing"])
  source   = "./modules/fn"
  name     = each.key
}
