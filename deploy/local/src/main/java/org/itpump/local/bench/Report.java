package org.itpump.local.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's report: each line printed and kept for deploy/local/target/bench/results.txt, the percentiles and
 * spreads it quotes, the latency histogram, and the machine it ran on.
 */
final class Report {

    private final StringBuilder text = new StringBuilder();

    /** Prints one line of the report (String.format, Locale.ROOT) and keeps it. */
    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        text.append(line).append('\n');
    }

    /** Writes the report so far to a file (results.txt). */
    void write(Path file) throws IOException {
        Files.writeString(file, text);
    }

    /** The p-th percentile (nearest rank) of sorted values. */
    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** Median and p95 of the time between two of each hop's instants, in ms. */
    static String spread(List<Instant[]> hops, int from, int to) {
        double[] ms = hops.stream().mapToDouble(t -> Duration.between(t[from], t[to]).toNanos() / 1e6).sorted().toArray();
        return ms.length == 0 ? "-" : String.format(Locale.ROOT, "%6.2f ms (%6.2f)", Report.pct(ms, 50), Report.pct(ms, 95));
    }

    /** A latency histogram drawn with Java2D (no plotting library on the machine). */
    static void histogram(double[] sorted, Path file) throws IOException {
        int w = 900, h = 500, left = 70, bottom = 60, top = 50, right = 30;
        double max = Report.pct(sorted, 99.5) * 1.1;
        int bins = 60;
        int[] counts = new int[bins];
        for (double v : sorted) {
            counts[Math.min(bins - 1, (int) (v / max * bins))]++;
        }
        int peak = Arrays.stream(counts).max().orElse(1);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotW = w - left - right, plotH = h - top - bottom;
        g.setColor(new Color(70, 110, 180));
        for (int i = 0; i < bins; i++) {
            int bh = (int) ((double) counts[i] / peak * plotH);
            g.fillRect(left + i * plotW / bins + 1, top + plotH - bh, plotW / bins - 2, bh);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        for (int t = 0; t <= 5; t++) {
            double v = max * t / 5;
            int x = left + (int) (plotW * t / 5.0);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), x - 8, top + plotH + 18);
            int y = top + plotH - plotH * t / 5;
            g.drawString(String.valueOf(peak * t / 5), left - 40, y + 4);
        }
        g.drawString("ms from the decision's REST answer to the implant case committed (read over REST after)", left + 180, h - 15);
        g.drawString("trials", 15, top - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(String.format(Locale.ROOT, "Pathway hop latency, %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                sorted.length, Report.pct(sorted, 50), Report.pct(sorted, 95), Report.pct(sorted, 99)), left, 25);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        Color[] colors = {new Color(0, 140, 0), new Color(200, 120, 0), new Color(200, 0, 0)};
        double[] ps = {50, 95, 99};
        for (int i = 0; i < 3; i++) {
            int x = left + (int) (Report.pct(sorted, ps[i]) / max * plotW);
            g.setColor(colors[i]);
            g.drawLine(x, top, x, top + plotH);
            g.drawString("p" + (int) ps[i], x + 3, top + 15 + 15 * i);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.replaceAll(".*:\\s*", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("MemTotal:\\s*", "RAM ");
        } catch (IOException e) {
            return "?";
        }
    }
}
