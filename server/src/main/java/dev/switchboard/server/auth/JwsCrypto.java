package dev.switchboard.server.auth;

/** Signature primitive behind the engine; signatures are base64url strings without padding. */
sealed interface JwsCrypto permits HmacCrypto, KeyPairCrypto {

    String sign(AuthAlgorithm algorithm, byte[] signingInput);

    /** {@code algorithm} is already known to be allowed and supported by this key. */
    boolean verify(AuthAlgorithm algorithm, byte[] signingInput, String signature);

    static JwsCrypto of(AuthOptions options) {
        return options.secret().<JwsCrypto>map(HmacCrypto::new)
                .orElseGet(() -> new KeyPairCrypto(options.privateKey().orElseThrow(), options.publicKey().orElseThrow()));
    }
}
