use_boundary = true
