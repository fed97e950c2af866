package org.reskontro.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Small inline SVG charts for the HTML reports: bars, lines and status tiles. Coordinates are computed with
 * BigDecimal like the amounts they show; every text is escaped.
 */
public final class Svg {

    private static final BigDecimal[] STEPS = {new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("2.5"),
            new BigDecimal("5"), new BigDecimal("10")};

    private Svg() {
    }

    /** A bar with its label, value, caption under the value and fill colour. */
    public record Bar(String label, BigDecimal value, String caption, String colour) {
    }

    /** One line of a line chart. */
    public record Series(String name, String colour, List<BigDecimal> values) {
    }

    /** A vertical bar chart. */
    public static String bars(String title, List<Bar> bars) {
        int w = 540;
        int h = 280;
        int left = 90;
        int right = 20;
        int top = 36;
        int bottom = 50;
        int plotH = h - top - bottom;
        int plotW = w - left - right;
        BigDecimal max = niceMax(bars.stream().map(Bar::value).reduce(BigDecimal.ZERO, BigDecimal::max));
        StringBuilder b = open(w, h, title);
        grid(b, max, left, top, plotW, plotH);
        int slot = bars.isEmpty() ? plotW : plotW / bars.size();
        int barW = Math.min(70, slot * 6 / 10);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            BigDecimal height = scale(bar.value().max(BigDecimal.ZERO), max, plotH);
            int x = left + i * slot + (slot - barW) / 2;
            BigDecimal y = BigDecimal.valueOf(top + plotH).subtract(height);
            b.append("<rect x=\"").append(x).append("\" y=\"").append(y.toPlainString()).append("\" width=\"")
                    .append(barW).append("\" height=\"").append(height.toPlainString()).append("\" fill=\"")
                    .append(bar.colour()).append("\" rx=\"2\"><title>").append(Fmt.html(bar.label() + ": "
                            + Fmt.amount(bar.value()))).append("</title></rect>\n");
            int cx = x + barW / 2;
            b.append(text(cx, y.intValue() - 18, "middle", "value", Fmt.amount(bar.value())));
            b.append(text(cx, y.intValue() - 5, "middle", "caption", bar.caption()));
            b.append(text(cx, top + plotH + 18, "middle", "label", bar.label()));
        }
        return b.append("</svg>\n").toString();
    }

    /** A line chart over evenly spaced x labels. */
    public static String lines(String title, List<String> xLabels, List<Series> series) {
        int w = 540;
        int h = 280;
        int left = 90;
        int right = 32;
        int top = 36;
        int bottom = 60;
        int plotH = h - top - bottom;
        int plotW = w - left - right;
        BigDecimal max = BigDecimal.ZERO;
        for (Series s : series) {
            for (BigDecimal v : s.values()) {
                max = max.max(v);
            }
        }
        max = niceMax(max);
        StringBuilder b = open(w, h, title);
        grid(b, max, left, top, plotW, plotH);
        int n = xLabels.size();
        int step = n <= 1 ? 0 : plotW / (n - 1);
        for (int i = 0; i < n; i++) {
            int x = left + i * step;
            b.append("<line x1=\"").append(x).append("\" y1=\"").append(top + plotH).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(top + plotH + 4).append("\" class=\"axis\"/>\n");
            int every = (n + 11) / 12;
            if (i % every == 0 || i == n - 1 && (n - 1) % every >= every / 2 + 1) {
                b.append(text(x, top + plotH + 17, "middle", "label small", xLabels.get(i)));
            }
        }
        int legendX = left;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.values().size() && i < n; i++) {
                BigDecimal y = BigDecimal.valueOf(top + plotH).subtract(scale(s.values().get(i).max(BigDecimal.ZERO), max, plotH));
                points.append(left + i * step).append(',').append(y.toPlainString()).append(' ');
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(s.colour()).append("\" stroke-width=\"2.5\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            for (int i = 0; i < s.values().size() && i < n; i++) {
                BigDecimal y = BigDecimal.valueOf(top + plotH).subtract(scale(s.values().get(i).max(BigDecimal.ZERO), max, plotH));
                b.append("<circle cx=\"").append(left + i * step).append("\" cy=\"").append(y.toPlainString())
                        .append("\" r=\"3.5\" fill=\"").append(s.colour()).append("\"><title>")
                        .append(Fmt.html(xLabels.get(i) + " " + s.name() + ": " + Fmt.amount(s.values().get(i))))
                        .append("</title></circle>\n");
            }
            b.append("<rect x=\"").append(legendX).append("\" y=\"").append(h - 18).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(s.colour()).append("\"/>");
            b.append(text(legendX + 18, h - 8, "start", "label", s.name()));
            legendX += 30 + 8 * s.name().length();
        }
        return b.append("</svg>\n").toString();
    }

    /** A tile per check and summary: green when it balances, red when not, amber for items to follow up. */
    public static String status(Reconciliation r) {
        int cols = 3;
        int tileW = 240;
        int tileH = 64;
        int gap = 10;
        int tiles = r.checks().size() + 1;
        int rows = (tiles + cols - 1) / cols;
        int w = cols * tileW + (cols + 1) * gap;
        int h = 40 + rows * (tileH + gap) + gap;
        StringBuilder b = open(w, h, "Reconciliation: " + (r.reconciled() ? "reconciled" : "NOT reconciled"));
        int i = 0;
        for (Reconciliation.Check c : r.checks()) {
            tile(b, i++, cols, tileW, tileH, gap, c.balances() ? "#2e7d32" : "#c62828",
                    (c.balances() ? "\u2713 " : "\u2717 ") + c.area() + (c.currency() == null ? "" : " " + c.currency()),
                    Fmt.cut(c.subject(), 38), c.balances() ? "balances" : "difference " + Fmt.amount(c.difference()));
        }
        int follow = r.followUps().size();
        tile(b, i, cols, tileW, tileH, gap, follow == 0 ? "#2e7d32" : "#ef8f00",
                (follow == 0 ? "\u2713 " : "! ") + "To follow up", follow + " item(s)",
                "unmatched / unallocated");
        return b.append("</svg>\n").toString();
    }

    private static void tile(StringBuilder b, int i, int cols, int tileW, int tileH, int gap, String colour,
                             String head, String line1, String line2) {
        int x = gap + (i % cols) * (tileW + gap);
        int y = 40 + (i / cols) * (tileH + gap);
        b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(tileW)
                .append("\" height=\"").append(tileH).append("\" rx=\"6\" fill=\"").append(colour).append("\"/>\n");
        b.append(text(x + 10, y + 20, "start", "tile-head", head));
        b.append(text(x + 10, y + 38, "start", "tile", line1));
        b.append(text(x + 10, y + 54, "start", "tile", line2));
    }

    private static StringBuilder open(int w, int h, String title) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(w).append("\" height=\"")
                .append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\" aria-label=\"")
                .append(Fmt.html(title)).append("\">\n");
        b.append(text(10, 22, "start", "title", title));
        return b;
    }

    private static void grid(StringBuilder b, BigDecimal max, int left, int top, int plotW, int plotH) {
        for (int k = 0; k <= 4; k++) {
            BigDecimal value = max.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
            int y = top + plotH - plotH * k / 4;
            b.append("<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"").append(left + plotW)
                    .append("\" y2=\"").append(y).append("\" class=\"").append(k == 0 ? "axis" : "grid").append("\"/>\n");
            b.append(text(left - 6, y + 4, "end", "label small", Fmt.amount(value).replace(".00", "")));
        }
    }

    private static String text(int x, int y, String anchor, String cls, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" class=\"" + cls + "\">"
                + Fmt.html(text) + "</text>\n";
    }

    /** value / max x pixels, one decimal. */
    static BigDecimal scale(BigDecimal value, BigDecimal max, int pixels) {
        if (max.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.multiply(BigDecimal.valueOf(pixels)).divide(max, 1, RoundingMode.HALF_UP);
    }

    /** The smallest 1, 2, 2.5 or 5 times a power of ten at or above {@code max} (1 for nothing). */
    static BigDecimal niceMax(BigDecimal max) {
        if (max.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal m = max.stripTrailingZeros();
        int exponent = m.precision() - m.scale() - 1;
        BigDecimal base = BigDecimal.ONE.scaleByPowerOfTen(exponent);
        for (BigDecimal s : STEPS) {
            BigDecimal candidate = s.multiply(base);
            if (candidate.compareTo(max) >= 0) {
                return candidate;
            }
        }
        return BigDecimal.TEN.multiply(base);
    }
}
