package dev.switchboard.server.auth;

import dev.switchboard.core.SwitchboardException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSA and EC keys from PEM text, as produced by {@code openssl} or Node's {@code crypto}, for
 * {@link AuthOptions.Builder#keyPair}.
 *
 * <p>Private keys: {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1) and
 * {@code EC PRIVATE KEY} (SEC1, with its curve). Public keys: {@code PUBLIC KEY} (X.509 SPKI),
 * {@code RSA PUBLIC KEY} (PKCS#1) and {@code CERTIFICATE}. Other blocks in the text (such as
 * {@code EC PARAMETERS}) are skipped. Encrypted keys are not supported. Failures throw
 * {@link SwitchboardException}. Stateless and thread-safe.
 */
public final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemKeys() {}

    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file));
    }

    public static PublicKey readPublicKey(Path file) {
        return publicKey(read(file));
    }

    /** Parses the first private key block in {@code pem}. */
    public static PrivateKey privateKey(String pem) {
        Matcher m = BLOCK.matcher(Objects.requireNonNull(pem, "pem"));
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(body(m));
                }
                case "RSA PRIVATE KEY" -> {
                    byte[] pkcs1 = body(m);
                    return pkcs8(Der.sequence(Der.VERSION_0, Der.RSA_ALGORITHM, Der.tlv(Der.OCTET_STRING, pkcs1)));
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(wrapSec1(body(m)));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new SwitchboardException("Encrypted PEM keys are not supported");
                default -> { /* skip, e.g. EC PARAMETERS */ }
            }
        }
        throw new SwitchboardException("No PEM private key found");
    }

    /** Parses the first public key (or certificate) block in {@code pem}. */
    public static PublicKey publicKey(String pem) {
        Matcher m = BLOCK.matcher(Objects.requireNonNull(pem, "pem"));
        while (m.find()) {
            switch (m.group(1)) {
                case "PUBLIC KEY" -> {
                    return spki(body(m));
                }
                case "RSA PUBLIC KEY" -> {
                    byte[] pkcs1 = body(m);
                    byte[] bits = new byte[pkcs1.length + 1]; // leading 0: no unused bits
                    System.arraycopy(pkcs1, 0, bits, 1, pkcs1.length);
                    return spki(Der.sequence(Der.RSA_ALGORITHM, Der.tlv(Der.BIT_STRING, bits)));
                }
                case "CERTIFICATE" -> {
                    try {
                        return CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(body(m)))
                                .getPublicKey();
                    } catch (GeneralSecurityException e) {
                        throw new SwitchboardException("Invalid PEM certificate: " + e.getMessage(), e);
                    }
                }
                default -> { /* skip */ }
            }
        }
        throw new SwitchboardException("No PEM public key found");
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String alg : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new SwitchboardException("Unsupported or invalid PEM private key (only RSA and EC are supported)");
    }

    private static PublicKey spki(byte[] der) {
        for (String alg : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new SwitchboardException("Unsupported or invalid PEM public key (only RSA and EC are supported)");
    }

    /** SEC1 ECPrivateKey to PKCS#8, taking the curve OID from its [0] parameters. */
    private static byte[] wrapSec1(byte[] sec1) {
        byte[] params;
        try {
            params = Der.findInSequence(sec1, 0xA0);
        } catch (IllegalArgumentException e) {
            throw new SwitchboardException("Invalid EC PRIVATE KEY: " + e.getMessage(), e);
        }
        if (params == null) {
            throw new SwitchboardException("EC PRIVATE KEY without curve parameters is not supported");
        }
        byte[] algorithm = Der.sequence(Der.EC_PUBLIC_KEY_OID, Der.content(params));
        return Der.sequence(Der.VERSION_0, algorithm, Der.tlv(Der.OCTET_STRING, sec1));
    }

    private static byte[] body(Matcher m) {
        checkNotEncrypted(m.group(2));
        try {
            return Base64.getMimeDecoder().decode(m.group(2).strip()); // MIME decoding skips line breaks
        } catch (IllegalArgumentException e) {
            throw new SwitchboardException("Invalid PEM base64 in " + m.group(1), e);
        }
    }

    private static void checkNotEncrypted(String blockText) {
        if (blockText.contains("ENCRYPTED")) {
            throw new SwitchboardException("Encrypted PEM keys are not supported");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(Objects.requireNonNull(file, "file"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SwitchboardException("Cannot read PEM file " + file + ": " + e.getMessage(), e);
        }
    }
}
