import os

import fsspec
import pandas as pd
import s3fs
from smart_open import open as s3open

BUCKET = os.environ["DATA_BUCKET"]


class Report:
    """A local writer: its to_csv is not pandas and never reaches S3."""

    def to_csv(self, path):
        return path


def handler(event, context):
    raw = pd.read_csv(f"s3://{BUCKET}/raw/{event['day']}.csv")
    local = pd.read_csv("/tmp/lookup.csv")
    raw.to_parquet(f"s3://{BUCKET}/curated/{event['day']}.parquet")
    local.dropna().to_csv("s3://exports/lookup.csv")
    local.to_csv("/tmp/out.csv")
    Report().to_csv("s3://not-really/report.csv")
    fs = s3fs.S3FileSystem()
    with fs.open(f"{BUCKET}/state.json", "w") as f:
        f.write("{}")
    names = fs.ls(BUCKET + "/raw/")
    with s3open("s3://lake/log.txt") as f:
        f.read()
    with fsspec.open("s3://lake/manifest.json", "wb") as f:
        f.write(b"")
    return names
