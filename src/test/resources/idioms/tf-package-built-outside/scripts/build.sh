#!/bin/sh
# Packages each API function with its layers' code, as the deploy pipeline does before terraform apply.
python -m builder src/api/orders
