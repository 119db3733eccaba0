#!/bin/bash
set -eu

# Run from the project folder, whatever the caller's
DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )"/.. >/dev/null 2>&1 && pwd )"
cd $DIR

docker buildx build --platform linux/amd64 \
  -t 123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/app:dev \
  --build-arg PYTHON_VERSION=$(cat .python-version) \
  -f lambda.Dockerfile .
