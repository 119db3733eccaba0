#!/bin/sh
set -e
cd "$(dirname "$0")/.."
docker build -t orders-worker -f worker/Dockerfile worker
docker push "$REGISTRY/orders-worker:latest"
