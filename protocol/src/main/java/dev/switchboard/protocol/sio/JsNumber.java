package dev.switchboard.protocol.sio;

/**
 * Formats a double as ECMAScript's Number::toString does (ECMA-262 §6.1.6.1.20), so JSON numbers
 * match what a Node peer writes byte for byte. Relies on {@link Double#toString(double)} returning
 * the shortest round-tripping digits (true since JDK 19), then lays the digits out by JavaScript's
 * rules instead of Java's: plain notation for exponents from -7 to 21, {@code e+N}/{@code e-N}
 * beyond.
 */
final class JsNumber {
    /** Below this every integral double is exact in a long and prints without exponent in both languages. */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;

    private JsNumber() {}

    /**
     * The single digit (1..10, 10 meaning a carry) that also rounds to {@code abs}, given its two
     * shortest digits {@code two} at position {@code n}; 0 when none does. When both neighbours do,
     * the closer one wins, as ECMAScript specifies.
     */
    private static int oneDigit(double abs, int two, int n) {
        int lo = two / 10;
        int hi = lo + 1;
        boolean loFits = lo > 0 && Double.parseDouble(lo + "E" + (n - 1)) == abs;
        boolean hiFits = Double.parseDouble(hi + "E" + (n - 1)) == abs;
        if (loFits && hiFits) {
            return two % 10 <= 5 ? lo : hi;
        }
        return loFits ? lo : hiFits ? hi : 0;
    }

    static void append(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
            return;
        }
        if (d == 0) {
            sb.append('0'); // also -0, which JavaScript prints as 0
            return;
        }
        if (d == Math.rint(d) && Math.abs(d) < PLAIN_INTEGER_LIMIT) {
            sb.append((long) d);
            return;
        }
        String java = Double.toString(Math.abs(d));
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        // value = 0.<digits> x 10^n, with digits free of leading and trailing zeros
        int n = dot + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
            n--;
        }
        int end = digits.length();
        while (end > lead + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(lead, end);
        if (digits.length() == 2) {
            // Java always prints at least two digits (d.d), JavaScript as few as one: 4.9E-324 is 5e-324
            int two = Integer.parseInt(digits);
            int one = oneDigit(Math.abs(d), two, n);
            if (one == 10) {
                digits = "1";
                n++;
            } else if (one > 0) {
                digits = Integer.toString(one);
            }
        }
        int k = digits.length();
        if (d < 0) {
            sb.append('-');
        }
        if (k <= n && n <= 21) {
            sb.append(digits).repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").repeat('0', -n).append(digits);
        } else {
            int shown = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(shown < 0 ? '-' : '+').append(Math.abs(shown));
        }
    }
}
