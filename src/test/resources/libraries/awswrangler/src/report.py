import os

import awswrangler as wr

LAKE = os.environ["LAKE"]


class Warehouse:
    """Not awswrangler: same-named functions on another object must not match."""

    def read_csv(self, path):
        return path


def handler(event, context):
    raw = wr.s3.read_csv(f"s3://{LAKE}/raw/")
    one = wr.s3.read_excel(f"s3://{LAKE}/ref/codes.xlsx")
    wr.s3.to_parquet(raw, f"s3://{LAKE}/curated/", dataset=True, mode="overwrite")
    wr.s3.to_csv(one, f"s3://{LAKE}/exports/codes.csv")
    wr.s3.delete_objects(f"s3://{LAKE}/tmp/")
    found = wr.athena.read_sql_query("SELECT 1", database="lake", workgroup="reports")
    qid = wr.athena.start_query_execution("SELECT 2", "lake")
    Warehouse().read_csv("s3://elsewhere/x.csv")
    return raw, found, qid
