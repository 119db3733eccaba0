import argparse

import boto3

table = boto3.resource("dynamodb").Table("pipeline-reports")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--day")
    day = parser.parse_args().day
    table.put_item(Item={"pk": day, "status": "done"})


if __name__ == "__main__":
    main()
