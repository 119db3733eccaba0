from chalice import Chalice

app = Chalice(app_name='broken')


@app.lambda_function(name='worker')
def work(event, context):
    return {}
