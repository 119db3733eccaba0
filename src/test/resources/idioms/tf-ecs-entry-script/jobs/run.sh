#!/bin/sh
exec python "$1.py"
