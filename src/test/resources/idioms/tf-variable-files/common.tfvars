topic = "alerts-common"
