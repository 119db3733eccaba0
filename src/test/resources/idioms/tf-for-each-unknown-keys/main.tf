# The same configuration as tf-for-each-from-script, checked without the list the deploy script passes: the for_each
# keys are unknown, so one target stands for every instance (each.key unknown) and a note on the for_each names the
# expression and says how to give the value. The target is still there and still checked: its code and policy
# folders depend on each.key, so no code is charged to it and the note says why.

variable "functions" {
  type = list(string)
}

module "fn" {
  for_each = setsubtract(var.functions, ["tests"])
  source   = "./modules/fn"
  name     = each.key
}
