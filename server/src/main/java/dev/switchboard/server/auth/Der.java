package dev.switchboard.server.auth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Just enough DER to wrap PKCS#1 and SEC1 keys into the PKCS#8 / X.509 forms the JDK reads. */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int OCTET_STRING = 0x04;
    static final int BIT_STRING = 0x03;

    /** AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    static final byte[] RSA_ALGORITHM = sequence(hex("06092a864886f70d010101"), hex("0500"));
    /** OID id-ecPublicKey (1.2.840.10045.2.1). */
    static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");
    /** INTEGER 0, the PKCS#8 version. */
    static final byte[] VERSION_0 = hex("020100");

    private Der() {}

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            content.writeBytes(e);
        }
        return tlv(SEQUENCE, content.toByteArray());
    }

    /**
     * Returns the first element with {@code tag} directly inside the SEQUENCE {@code der}, as a full
     * TLV, or null.
     */
    static byte[] findInSequence(byte[] der, int tag) {
        int[] outer = header(der, 0);
        if ((der[0] & 0xff) != SEQUENCE) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        int pos = outer[0];
        int end = pos + outer[1];
        while (pos < end) {
            int[] h = header(der, pos);
            int next = h[0] + h[1];
            if ((der[pos] & 0xff) == tag) {
                return Arrays.copyOfRange(der, pos, next);
            }
            pos = next;
        }
        return null;
    }

    /** Content of a single TLV (tag byte ignored). */
    static byte[] content(byte[] tlv) {
        int[] h = header(tlv, 0);
        return Arrays.copyOfRange(tlv, h[0], h[0] + h[1]);
    }

    /** {contentStart, contentLength} of the TLV at {@code pos}; bounds-checked. */
    private static int[] header(byte[] der, int pos) {
        if (pos + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len >= 0x80) {
            int bytes = len & 0x7f;
            if (bytes == 0 || bytes > 3 || start + bytes > der.length) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        }
        if (start + len > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new int[] {start, len};
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
