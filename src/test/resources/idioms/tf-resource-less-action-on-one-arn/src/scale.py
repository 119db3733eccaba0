import boto3

autoscaling = boto3.client("autoscaling")


def handler(event, context):
    groups = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=["web-asg"])
    current = groups["AutoScalingGroups"][0]["DesiredCapacity"]
    autoscaling.set_desired_capacity(AutoScalingGroupName="web-asg", DesiredCapacity=current + 1)
    return {"desired": current + 1}
