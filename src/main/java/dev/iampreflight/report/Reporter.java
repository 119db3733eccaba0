package dev.iampreflight.report;

/** Renders a whole report as one string, so --output can be written atomically and nothing is half-printed. */
public interface Reporter {

    String render(Report report, ReportOptions options);
}
