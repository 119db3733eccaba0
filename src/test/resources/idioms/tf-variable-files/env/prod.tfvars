bucket = "prod-bucket"
