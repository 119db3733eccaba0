from chalice import Chalice

from chalicelib import alerts, reports

app = Chalice(app_name="jobs")
app.register_blueprint(reports.bp, name_prefix="reports_")
app.register_blueprint(alerts.bp, name_prefix="alerts_")
