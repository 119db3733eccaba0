topic = "alerts-blue"
