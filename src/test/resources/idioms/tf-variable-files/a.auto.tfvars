queue = "jobs-a"
