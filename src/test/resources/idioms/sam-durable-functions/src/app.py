def handler(event, context):
    return {"steps": len(event.get("steps", []))}
