/**
 * The Socket.IO v5 wire format (socket.io 4.x), in pure Java.
 *
 * <p>Each Socket.IO packet travels as the text of one Engine.IO MESSAGE: {@code
 * <type>[<attachments>-][<namespace>,][<ackId>][<JSON>]}, followed, for BINARY_EVENT and
 * BINARY_ACK, by one Engine.IO binary MESSAGE per attachment; in the JSON each attachment is
 * stood in for by {@code {"_placeholder":true,"num":i}}. {@link
 * dev.switchboard.protocol.sio.SioEncoder} writes packets exactly as the reference encoder does
 * (JSON as {@code JSON.stringify} prints it, and a received argument passed on as the text it came
 * in); {@link dev.switchboard.protocol.sio.SioDecoder}, one per connection, reassembles binary packets
 * and validates every packet as socket.io-parser does, plus the checks that closed its known
 * vulnerabilities. It keeps the object and array arguments of plain events and acks as text ({@link
 * dev.switchboard.protocol.sio.JsonValues}) until they are read. Any invalid input raises {@link
 * dev.switchboard.protocol.sio.SioParseException}, on which the server closes the connection.
 */
package dev.switchboard.protocol.sio;
