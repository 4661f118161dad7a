package dev.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile input must always end as AuthTokenInvalidError, never another exception. */
class MalformedTokenTest {
    private static final String HS256_HEADER = Fixtures.b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

    private final AuthEngine engine = AuthEngine.create(
            AuthOptions.builder().secret(Fixtures.KEY).clock(new TestClock(Fixtures.NOW)).build());

    // Same messages as jsonwebtoken@9 for these inputs (see generate-fixtures.js).
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''|jwt must be provided",
        "abc|jwt malformed",
        "a.b.c|invalid token",
        "pjPRBmV9kOdAvHY6trmB+E7r+HhdiySB|jwt malformed",
        "a.b.c.d|jwt malformed",
        "..|invalid token",
        "a..c|invalid token",
        "'eyJhbGciOiJIUzI1NiJ9.eyJ9.x y'|invalid token",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.|jwt signature is required",
        "e30.e30.e30|invalid algorithm",
        "eyJhbGciOjF9.e30.e30|invalid algorithm",
        "eyJhbGciOiJFZERTQSJ9.e30.e30|invalid algorithm",
        "eyJhbGciOiJoczI1NiJ9.e30.e30|invalid algorithm",
        "eyJhbGciOiJIUzI1NiJ9.e30.e30|invalid signature",
    })
    void malformedTokensAreInvalid(String token, String message) {
        assertInvalid(token, message);
    }

    @Test
    void randomBase64IsInvalid() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            assertInvalid(Base64.getEncoder().encodeToString(bytes));
            assertInvalid(Base64.getUrlEncoder().encodeToString(bytes));
        }
    }

    @Test
    void randomDottedGarbageIsInvalid() {
        String alphabet = "ABCxyz019-_+/=. \u00e9{}\"";
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(80);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertInvalid(sb.toString());
        }
    }

    // jsonwebtoken throws a raw SyntaxError for unparsable typ:JWT payloads (AuthTokenError in
    // SocketCluster, also isBadToken); treating every non-object payload as invalid is deliberate.
    @Test
    void nonObjectPayloadsAreInvalid() {
        for (String payload : new String[] {"123", "\"bob\"", "[1]", "null", "{\"a\":1} x", "{\"a\":"}) {
            assertInvalid(signed(HS256_HEADER, Fixtures.b64(payload)), "invalid token");
        }
    }

    @Test
    void everySingleCharacterTamperingIsInvalid() {
        String token = engine.sign(Map.of("username", "bob"));
        String alphabet = "ABab01-_.";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (token.charAt(i) == c) {
                    continue;
                }
                String tampered = token.substring(0, i) + c + token.substring(i + 1);
                // The MAC covers the encoded text and is compared as text, so even flips that decode
                // to the same bytes fail.
                assertInvalid(tampered);
            }
        }
    }

    @Test
    void algNoneIsRejected() {
        String header = Fixtures.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = Fixtures.b64("{\"username\":\"bob\",\"exp\":4102444800}");

        assertInvalid(header + "." + payload + ".", "jwt signature is required");
        assertInvalid(header + "." + payload + ".c2lnbmF0dXJl", "invalid algorithm");
        // Even a genuine HS256 signature under an alg:none header does not help.
        assertInvalid(signed(header, payload), "invalid algorithm");
    }

    @Test
    void nullTokenIsAProgrammingError() {
        assertThatThrownBy(() -> engine.verify(null)).isInstanceOf(NullPointerException.class);
    }

    private static String signed(String header, String payload) {
        String input = header + "." + payload;
        return input + "." + new HmacCrypto(Fixtures.KEY.getBytes(StandardCharsets.UTF_8))
                .sign(AuthAlgorithm.HS256, input.getBytes(StandardCharsets.US_ASCII));
    }

    private void assertInvalid(String token) {
        Throwable t = catchThrowable(() -> engine.verify(token));
        assertThat(t).as("verify(%s)", token).isInstanceOfSatisfying(AuthTokenException.class, e -> {
            assertThat(e.name()).isEqualTo("AuthTokenInvalidError");
            assertThat(e.isBadToken()).isTrue();
        });
    }

    private void assertInvalid(String token, String message) {
        assertInvalid(token);
        assertThat(catchThrowable(() -> engine.verify(token))).hasMessage(message);
    }
}
