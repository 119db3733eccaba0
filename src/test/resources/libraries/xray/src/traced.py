from aws_lambda_powertools import Tracer

# Powertools' Tracer patches with the X-Ray SDK and opens its subsegments.
tracer = Tracer(service="reports")
