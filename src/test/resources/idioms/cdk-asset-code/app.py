import aws_cdk as cdk

from shop.stack import ShopStack

app = cdk.App()
ShopStack(app, "Shop")
app.synth()
