# The functions to deploy are a list a deploy script passes with -var (one per folder of src/), minus the tests
# folder; each function's permissions are one statement per policies/*.json file next to its code. Given the list
# (--var), each instance is its own target with the statements fileset() finds; without it, see
# tf-for-each-unknown-keys.

variable "functions" {
  type = list(string)
}

module "fn" {
  for_each = setsubtract(var.functions, ["tests"])
  source   = "./modules/fn"
  name     = each.key
}
