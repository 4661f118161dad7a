package dev.switchboard.protocol.eio;

import java.util.Random;

/** Deterministic string mutations for the fuzz tests (a seeded Random makes failures reproducible). */
public final class Mutations {
    private Mutations() {}

    public static String random(String alphabet, int length, Random random) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** One to four edits: insert, delete, replace or duplicate a span. */
    public static String mutate(String seed, String alphabet, Random random) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.isEmpty() ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> {
                    if (!sb.isEmpty()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (!sb.isEmpty()) {
                        sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                default -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(8));
                    sb.insert(at, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    public static String show(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append('"').toString();
    }
}
