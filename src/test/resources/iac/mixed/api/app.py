from chalice import Chalice
app = Chalice(app_name='mini')

@app.route('/')
def index():
    return {}
