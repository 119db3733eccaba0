import boto3

# An operator's script: it runs on a laptop, not on the instances.
boto3.client("ec2").terminate_instances(InstanceIds=["i-0123456789abcdef0"])
