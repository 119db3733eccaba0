table = "orders-tfvars"
queue = "jobs-tfvars"
