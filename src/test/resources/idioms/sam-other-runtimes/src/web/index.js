const { S3Client } = require("@aws-sdk/client-s3");
exports.handler = async () => new S3Client({});
