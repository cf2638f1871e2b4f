"""Baseline of bench_startup: a one-shot boto3 process that fetches the first page of
ListFunctions from the endpoint (argument 1, region argument 2) and prints its first name."""

import sys

import boto3

client = boto3.client("lambda", endpoint_url=sys.argv[1], region_name=sys.argv[2])
print(client.list_functions()["Functions"][0]["FunctionName"], flush=True)
