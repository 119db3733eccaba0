import os

import boto3

autoscaling = boto3.client('autoscaling')


def handler(event, context):
    autoscaling.set_desired_capacity(AutoScalingGroupName=os.environ['GROUP'], DesiredCapacity=2)
    autoscaling.set_desired_capacity(AutoScalingGroupName='batch', DesiredCapacity=0)
