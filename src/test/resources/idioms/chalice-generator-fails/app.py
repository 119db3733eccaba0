import boto3
from chalice import Chalice

app = Chalice(app_name="tasks")


@app.route("/tasks/{task_id}", methods=["DELETE"])
def delete(task_id):
    def remove():
        boto3.client("dynamodb").delete_item(TableName="tasks", Key={"id": {"S": task_id}})

    remove()
    return {}
