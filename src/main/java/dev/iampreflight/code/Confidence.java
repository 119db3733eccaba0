package dev.iampreflight.code;

/**
 * How sure the scanner is that a call is an SDK call. HIGH: the receiver was traced to a boto3 client or resource.
 * LOW: the receiver's type is unknown, but the method name is an operation of a service the project creates clients
 * for.
 */
public enum Confidence {
    HIGH, LOW
}
