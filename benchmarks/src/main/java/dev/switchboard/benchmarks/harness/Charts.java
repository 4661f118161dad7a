package dev.switchboard.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Line charts drawn with Java2D and written with ImageIO (headless): no plotting package to install
 * and nothing new in the lockfile. One series per server, x = N, y linear or log10.
 */
final class Charts {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x7f7f7f), new Color(0x9467bd), new Color(0xff7f0e)};
    private static final int W = 820;
    private static final int H = 480;
    private static final int L = 90;
    private static final int R = 170;
    private static final int T = 50;
    private static final int B = 60;

    private Charts() {}

    /** {@code series}: name -> points {x, y}; points with NaN y are skipped. */
    static void lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
            boolean logY) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (List<double[]> pts : series.values()) {
            for (double[] p : pts) {
                if (Double.isNaN(p[1]) || (logY && p[1] <= 0)) {
                    continue;
                }
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                double y = logY ? Math.log10(p[1]) : p[1];
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        if (logY) {
            yMin = Math.floor(yMin);
            yMax = Math.ceil(yMax);
        } else {
            yMin = 0;
            yMax = yMax * 1.1;
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        if (yMax == yMin) {
            yMax = yMin + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, L, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(L, T, W - L - R, H - T - B);
        for (int i = 0; i <= 5; i++) {
            double yv = yMin + (yMax - yMin) * i / 5;
            int y = py(yv, yMin, yMax);
            g.setColor(new Color(0xdddddd));
            g.drawLine(L + 1, y, W - R - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(fmt(logY ? Math.pow(10, yv) : yv), 8, y + 4);
        }
        for (List<double[]> pts : series.values()) {
            for (double[] p : pts) {
                int x = px(p[0], xMin, xMax);
                g.drawLine(x, H - B, x, H - B + 5);
                g.drawString(fmt(p[0]), x - 14, H - B + 18);
            }
        }
        g.drawString(xLabel, L + (W - L - R) / 2 - 30, H - 15);
        g.drawString(yLabel, 8, T - 8);
        int k = 0;
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            Color c = COLORS[k % COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2.2f));
            int[] prev = null;
            for (double[] p : s.getValue()) {
                if (Double.isNaN(p[1]) || (logY && p[1] <= 0)) {
                    continue;
                }
                int x = px(p[0], xMin, xMax);
                int y = py(logY ? Math.log10(p[1]) : p[1], yMin, yMax);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], x, y);
                }
                prev = new int[] {x, y};
            }
            g.fillRect(W - R + 15, T + 10 + k * 22, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(s.getKey(), W - R + 35, T + 22 + k * 22);
            k++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int px(double x, double min, double max) {
        return L + (int) ((x - min) / (max - min) * (W - L - R - 20)) + 10;
    }

    private static int py(double y, double min, double max) {
        return H - B - (int) ((y - min) / (max - min) * (H - T - B));
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (a >= 10 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
