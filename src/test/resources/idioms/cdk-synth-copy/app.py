# The CDK program (not read: the tool reads what `cdk synth` wrote to cdk.out/).
