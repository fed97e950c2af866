package org.reskontro.reports.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.reskontro.common.AtomicFiles;
import org.reskontro.reports.AgingReport;
import org.reskontro.reports.CsvReports;
import org.reskontro.reports.HtmlReports;
import org.reskontro.reports.KeyFigures;
import org.reskontro.reports.OverduePoint;
import org.reskontro.reports.Reconciliation;

/**
 * Writes the day's combined report: one self-contained HTML page with the reconciliation, the aging analysis and
 * the key figures of the year up to the date, plus the three reports as CSV beside it. Files are written to a
 * temporary name and moved into place, so a reader never sees half a report and a rerun replaces it.
 */
public class DailyReportWriter {

    private final AgingQuery aging;
    private final ReconciliationQuery reconciliation;
    private final KeyFiguresQuery keyFigures;

    public DailyReportWriter(AgingQuery aging, ReconciliationQuery reconciliation, KeyFiguresQuery keyFigures) {
        this.aging = aging;
        this.reconciliation = reconciliation;
        this.keyFigures = keyFigures;
    }

    /** Writes {@code reskontro-daily-<date>.html} (and CSVs) into {@code dir} and returns the HTML file. */
    public Path write(LocalDate date, Path dir) {
        AgingReport agingReport = aging.aging(date);
        List<OverduePoint> series = aging.overdueSeries(date);
        Reconciliation rec = reconciliation.reconcile(date);
        KeyFigures figures = keyFigures.keyFigures(date.minusYears(1).plusDays(1), date);
        try {
            Files.createDirectories(dir);
            String base = "reskontro-daily-" + date;
            AtomicFiles.write(dir.resolve(base + "-aging.csv"), CsvReports.aging(agingReport));
            AtomicFiles.write(dir.resolve(base + "-reconciliation.csv"), CsvReports.reconciliation(rec));
            AtomicFiles.write(dir.resolve(base + "-keyfigures.csv"), CsvReports.keyFigures(figures));
            Path html = dir.resolve(base + ".html");
            AtomicFiles.write(html, HtmlReports.dailyPage(agingReport, series, rec, figures));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the daily report to " + dir + ": " + e.getMessage(), e);
        }
    }

}
