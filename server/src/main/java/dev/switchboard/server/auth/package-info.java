/**
 * SocketCluster-compatible JWT authentication: the server's {@code authEngine}.
 *
 * <p>{@link dev.switchboard.server.auth.AuthEngine#create(AuthOptions)} turns immutable
 * {@link dev.switchboard.server.auth.AuthOptions} into an engine that signs and verifies compact JWS
 * tokens exactly like the Node server's {@code jsonwebtoken@9}, so tokens issued by either side verify
 * on the other when they share a key. Verification failures surface as
 * {@link dev.switchboard.server.auth.AuthTokenException}, whose {@code fields()} is the dehydrated
 * error SocketCluster puts on the wire.
 *
 * <p>Everything here is immutable or stateless and safe to share between threads. No type from the
 * underlying JOSE library (nimbus-jose-jwt) appears in a public signature.
 */
package dev.switchboard.server.auth;
