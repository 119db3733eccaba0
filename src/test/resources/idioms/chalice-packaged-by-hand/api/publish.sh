#!/usr/bin/env bash
# Builds the API archive that the stack's ApiFunction runs.
set -e
rm -f api.zip
zip -r9 api.zip app.py
aws s3 cp ./api.zip s3://gallery-dist/api.zip
