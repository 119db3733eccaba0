use_boundary = true
report_uploads = false
