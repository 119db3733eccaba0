package dev.iampreflight.report;

/** One deploy target that was checked (e.g. {@code chalice:dev:api_handler}) and how many SDK calls it runs. */
public record TargetSummary(String name, int calls) {
}
