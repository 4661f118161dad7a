package dev.switchboard.server.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens produced by Node's jsonwebtoken@9.0.3 (node 20) with
 * {@code src/test/resources/auth/generate-fixtures.js}; the RS/PS/ES tokens were signed with the PEM
 * keys next to that script. Secret for the HS tokens: {@code "testkey"}.
 */
final class Fixtures {
    static final String KEY = "testkey";
    /** {@code jwt.sign({username:'bob', iat:1700000000, exp:4102444800}, 'testkey')} (exp = 2100-01-01). */
    static final String HS_FAR_FUTURE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "9ut1r0AYAos0idcJ1GaSTG0ncGF6aod6zh3PnpIVkSs";
    /** {@code jwt.sign({username:'bob', iat:1500000000, exp:1500086400}, 'testkey')}. */
    static final String HS_EXPIRED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTUwMDAwMDAwMCwiZXhwIjoxNTAwMDg2NDAwfQ."
            + "LNWA7xned8APBLnkRr8zm8sidzeEXq3QnQV4Vw_vfgU";
    /** {@code jwt.sign({username:'bob', iat:1700000000}, 'testkey', {expiresIn: 86400})}. */
    static final String HS_DEFAULT_EXPIRY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwfQ."
            + "GGOG3Nf4-CjfvuMYnigtZK5XZg4o0kKkRMUAqAW3FSI";
    /** {@code jwt.sign({username:'bob', iat:1700000000, nbf:4102444800, exp:4102531200}, 'testkey')}. */
    static final String HS_NOT_BEFORE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwibmJmIjo0MTAyNDQ0ODAwLCJleHAiOjQxMDI1MzEyMDB9."
            + "kbHPCXw4wog_792HzUjFO2nRgmXf2ZOgc_zqdiqDGrM";
    /** Same claims as {@link #HS_FAR_FUTURE}, {@code {algorithm:'HS512'}}. */
    static final String HS512 = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "K4cLq_XAALKjr5MpjcYyU65baDp1gNT4gQsshTYjC5GK8LQzyvOSzgHb0V9Ap7xOFpZ21tF1Rs7wHRCs6lDZOw";
    /** {@code {username:'bob', roles:['a','b'], meta:{n:1.5, ok:true, none:null}, iat:1700000000, exp:4102444800}}. */
    static final String HS_NESTED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsInJvbGVzIjpbImEiLCJiIl0sIm1ldGEiOnsibiI6MS41LCJvayI6dHJ1ZSwibm9uZSI6bnVsbH0sImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "njyDwaSvJqnTt76Djd64miRWJM2GP3hJgL1Ae_uONt0";
    /** Far-future claims, RS256, key rsa-private-pkcs8.pem. */
    static final String RS256 = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "AAoKmAJKkY6WncBjBtJ9JL_S9H-tg-9iRHmCLBH5zh5TU0tuQfkun9JDldPfWrRlTqfro95-tDkgyNY5dHctzVNN21FXez-xEUAhlI0g3D6Spu"
            + "uXEz_zH5Q6XUsppAVbQkhbIPH0Ymtf51F8BjRAIse6O0UZxHii8BNjWPpfqMqS0DFIT3zht0KA5x2wW2XDy9ylDqvE4J0qnNx_hRDtVBxw8vy6"
            + "wq-E1kc4xJrUaHbX_W1H7elWaW24JFmMW72yqpPQLpaAtF3e15Ysp-EtwouEQ3x7jv6QH3N6PVEfUcr3p8Y2LkLEjYKB0n-k8ZXYyLPPrnFJq"
            + "wQ5wgNcxPMNkA";
    /** Far-future claims, PS256, same RSA key. */
    static final String PS256 = "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "LViF3GT-4AiALIaEVKIDQuRpRzdxbMIUFc4SBPJPWeE8srw8rXVCsKg5gAD9o8W6jtkix3nWmvfp7VIiF3QlS6oYET3kuH8CMGZg46LkYzpN"
            + "PnfL0bzSCfL0yy0J76AhiQjsMj-j8Iz5PmwYHVskM2Tiym1L3Bx5qRax_3QTMSJgaYMNzBN0a6xHxW7Sp020QDA2n1k5mzcA_-Od15RLxs7tf"
            + "nH1PbT2Tz1ublEGwtFGNSwj0b0pqWIrb85MdYkLW1fNhkDRQn6ls8o8d-PxkQedHTubrProbk8x5EadPE8pp5Nkrw9WUdyfHkC5gepm_tX-fu"
            + "d1SxmhKMMYEZMEDA";
    /** Far-future claims, ES256, key ec-private-pkcs8.pem (P-256). */
    static final String ES256 = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "ykRb3t0LAVF3IhZcKw7CbH2K7YjasQ0bVRn6ZC8IRZqGcbh_1L2r-8-n3iWmYXhUQlu6OmSbNt4DPIJHAmtvFw";

    /** 2023-11-14T22:13:20Z, the {@code iat} of most fixtures. */
    static final long NOW = 1_700_000_000L;

    private Fixtures() {}

    static String pem(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/auth/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decoded JSON text of a token segment (0 = header, 1 = payload). */
    static String segment(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return JsonMapper.builder().build().readValue(text, Map.class);
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
