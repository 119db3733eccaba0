FROM public.ecr.aws/lambda/python:3.12 AS base

COPY src/ ${LAMBDA_TASK_ROOT}

FROM base AS lambda

CMD [ "default.handler" ]
