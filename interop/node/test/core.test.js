'use strict';

// Core interop scenarios: the official socketcluster-client 20.0.2 against a fixture server that
// implements the contract in interop/README.md (default ping settings). Validated against the real
// socketcluster-server 20.0.1 (../reference-server.js); every expectation encodes what that server
// really does.

const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('jsonwebtoken');
const {
  MemoryAuthEngine, createClient, connectClient, collect, next, record, sleep, uniqueName
} = require('../lib/harness');

const T = {timeout: 15000};

test('handshake: connect event, socket id, open state, unauthenticated', T, async (t) => {
  const client = createClient(t);
  const connecting = next(client.listener('connecting'), 5000, 'connecting');
  const connected = next(client.listener('connect'), 5000, 'connect');
  client.connect();
  await connecting;
  const status = await connected;

  assert.equal(typeof client.id, 'string');
  assert.ok(client.id.length > 0, 'socket id must be non-empty');
  assert.equal(status.id, client.id);
  assert.equal(client.state, client.OPEN);
  assert.equal(client.state, 'open');
  assert.equal(status.isAuthenticated, false);
  assert.equal(client.authState, 'unauthenticated');
  assert.equal(client.authToken, null);
  // No token was offered, so there is no authError at all (not even null).
  assert.equal('authError' in status, false);
  // Default pingTimeout of the fixture (reference: socketcluster-server default 30000).
  assert.equal(status.pingTimeout, 30000);
  assert.equal(status.authToken, null, 'client adds the token it sent (none) to the status');
});

test('handshake: every connection gets a distinct socket id', T, async (t) => {
  const {client: a} = await connectClient(t);
  const {client: b} = await connectClient(t);
  assert.notEqual(a.id, b.id);
});

test('transmit + receiver: seed consumer buffers everything sent during its 1 s setup', T, async (t) => {
  const client = createClient(t);
  const echoes = collect(client.receiver('fooEcho'), 10, 6000, 'fooEcho transmits');
  const connected = next(client.listener('connect'), 5000, 'connect');
  client.connect();
  await connected;
  const sentAt = Date.now();
  for (let i = 1; i <= 10; i++) {
    client.transmit('foo', i);
  }
  const received = await echoes;
  assert.deepEqual(received, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  // The server only starts consuming 1 s after the connection was accepted.
  assert.ok(Date.now() - sentAt >= 700, `echoes arrived too early (${Date.now() - sentAt} ms)`);
});

test('transmit + receiver: structured data and later transmits keep order', T, async (t) => {
  const {client} = await connectClient(t);
  const payloads = [{a: 1}, 'two', [3, {three: true}], null, 5.5, true, ''];
  const echoes = collect(client.receiver('fooEcho'), payloads.length, 6000, 'fooEcho transmits');
  for (const p of payloads) {
    client.transmit('foo', p);
  }
  assert.deepEqual(await echoes, payloads);
});

test('invoke echo: JSON values come back unchanged', T, async (t) => {
  const {client} = await connectClient(t);
  const values = [
    {hello: 'world', n: 1},
    'a string',
    '',
    'unicode: žluťoučký kůň 🚀 \u0000 "quoted" \\ backslash',
    0,
    42,
    -3.25,
    1e21,
    true,
    false,
    null,
    [],
    [1, 'two', {three: 3}, [4]],
    {},
    {nested: {deeper: {deepest: [1, 2, {x: null, y: [true, false]}]}}, list: [[], {}]}
  ];
  for (const value of values) {
    assert.deepEqual(await client.invoke('echo', value), value, `echo of ${JSON.stringify(value)}`);
  }
});

test('invoke echo: undefined data is answered with undefined data', T, async (t) => {
  const {client} = await connectClient(t);
  // The client omits `data`; the server replies {"rid":n} without data.
  assert.equal(await client.invoke('echo'), undefined);
});

test('invoke echo: large payload (~512 KiB) round-trips', T, async (t) => {
  const {client} = await connectClient(t);
  const big = 'x'.repeat(512 * 1024) + 'END';
  const reply = await client.invoke('echo', {big});
  assert.equal(reply.big.length, big.length);
  assert.equal(reply.big, big);
});

test('invoke echo: Buffer is sent as {base64:true,data} and returned as that object', T, async (t) => {
  const {client} = await connectClient(t);
  // sc-formatter's encoder turns a Node Buffer into {base64: true, data: <base64>}. Nobody turns it
  // back into bytes: the server handler sees the plain object and the client gets the object back.
  const reply = await client.invoke('echo', Buffer.from('hello'));
  assert.deepEqual(reply, {base64: true, data: 'aGVsbG8='});

  const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
  const nested = await client.invoke('echo', {name: 'blob', bin: bytes, list: [Buffer.alloc(0)]});
  assert.deepEqual(nested, {
    name: 'blob',
    bin: {base64: true, data: bytes.toString('base64')},
    list: [{base64: true, data: ''}]
  });

  // An ArrayBuffer is encoded the same way.
  const ab = new Uint8Array([104, 105]).buffer;
  assert.deepEqual(await client.invoke('echo', ab), {base64: true, data: 'aGk='});
});

test('invoke fail: custom error name, message and extra fields are delivered', T, async (t) => {
  const {client} = await connectClient(t);
  await assert.rejects(client.invoke('fail', {any: 'thing'}), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'BadCustomError');
    assert.equal(err.message, 'This is a bad custom error');
    assert.equal(err.code, 42);
    return true;
  });
  // The connection is still usable afterwards.
  assert.equal(await client.invoke('echo', 'still-alive'), 'still-alive');
});

test('invoke noHandler: never answered, client rejects with TimeoutError after ackTimeout', T, async (t) => {
  const {client} = await connectClient(t, {ackTimeout: 500});
  const started = Date.now();
  await assert.rejects(client.invoke('noHandler', {x: 1}), (err) => {
    assert.equal(err.name, 'TimeoutError');
    assert.equal(err.message, 'Event response for noHandler event timed out');
    return true;
  });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 450, `timed out too early (${elapsed} ms)`);
  assert.equal(client.state, 'open');
  assert.equal(await client.invoke('echo', 'after-timeout'), 'after-timeout');
});

test('invoke: concurrent invokes are answered with matching results', T, async (t) => {
  const {client} = await connectClient(t);
  const results = await Promise.all(Array.from({length: 50}, (_, i) => client.invoke('echo', {i})));
  assert.deepEqual(results, Array.from({length: 50}, (_, i) => ({i})));
});

test('pub/sub: two subscribers incl. the publisher receive 100 publications in order', T, async (t) => {
  const channelName = uniqueName('chat');
  const {client: a} = await connectClient(t);
  const {client: b} = await connectClient(t);
  const chA = a.subscribe(channelName);
  const chB = b.subscribe(channelName);
  assert.equal(chA.state, 'pending');
  await Promise.all([
    next(chA.listener('subscribe'), 5000, 'subscribe A'),
    next(chB.listener('subscribe'), 5000, 'subscribe B')
  ]);
  assert.equal(chA.state, 'subscribed');
  assert.equal(chB.state, 'subscribed');
  assert.ok(a.isSubscribed(channelName));

  const expected = Array.from({length: 100}, (_, i) => ({seq: i + 1, via: i < 50 ? 'transmit' : 'invoke'}));
  const gotA = collect(chA, 100, 8000, 'publications on A (publisher)');
  const gotB = collect(chB, 100, 8000, 'publications on B');
  for (const item of expected.slice(0, 50)) {
    a.transmitPublish(channelName, item);
  }
  for (const item of expected.slice(50)) {
    // invokePublish resolves once the server accepted the publication (reply {"rid":n}).
    assert.equal(await a.invokePublish(channelName, item), undefined);
  }
  assert.deepEqual(await gotA, expected);
  assert.deepEqual(await gotB, expected);
});

test('pub/sub: unsubscribe stops delivery', T, async (t) => {
  const channelName = uniqueName('unsub');
  const {client: a} = await connectClient(t);
  const {client: b} = await connectClient(t);
  const chA = a.subscribe(channelName);
  const chB = b.subscribe(channelName);
  await Promise.all([next(chA.listener('subscribe')), next(chB.listener('subscribe'))]);

  const unsubscribed = next(chB.listener('unsubscribe'), 3000, 'unsubscribe');
  b.unsubscribe(channelName);
  await unsubscribed;
  assert.equal(chB.state, 'unsubscribed');
  // #unsubscribe is a transmit (no ack). The server handles a socket's messages in order, so once
  // this invoke is answered the unsubscription has been processed.
  assert.equal(await b.invoke('echo', 'after-unsubscribe'), 'after-unsubscribe');

  const seenByB = record(b.channel(channelName));
  const rawB = record(b.listener('message'));
  const gotA = collect(chA, 2, 3000, 'publications on A');
  await a.invokePublish(channelName, 'one');
  await a.invokePublish(channelName, 'two');
  assert.deepEqual(await gotA, ['one', 'two']);
  // Give a misbehaving server a moment to (wrongly) deliver to B.
  await b.invoke('echo', 'sync');
  await sleep(200);
  seenByB.stop();
  rawB.stop();
  assert.deepEqual(seenByB.items, []);
  // Not even on the wire: the server removed B from the channel.
  assert.deepEqual(rawB.items.filter((m) => String(m.message).includes('#publish')), []);
});

test('server exchange publishes (transmitPublish / invokePublish) reach subscribers', T, async (t) => {
  const channelName = uniqueName('news');
  const {client: a} = await connectClient(t);
  const {client: b} = await connectClient(t);
  const chA = a.subscribe(channelName);
  const chB = b.subscribe(channelName);
  await Promise.all([next(chA.listener('subscribe')), next(chB.listener('subscribe'))]);

  const gotA = collect(chA, 2, 5000, 'server publications on A');
  const gotB = collect(chB, 2, 5000, 'server publications on B');
  assert.equal(await b.invoke('serverPublish', {channel: channelName, data: {n: 1, s: 'first'}}), 'ok');
  assert.equal(await b.invoke('serverInvokePublish', {channel: channelName, data: [2, 'second']}), 'ok');
  assert.deepEqual(await gotA, [{n: 1, s: 'first'}, [2, 'second']]);
  assert.deepEqual(await gotB, [{n: 1, s: 'first'}, [2, 'second']]);
});

test('middleware: SUBSCRIBE to forbidden* fails with ForbiddenChannelError', T, async (t) => {
  const {client} = await connectClient(t);
  const channel = client.subscribe('forbiddenX');
  const socketFail = next(client.listener('subscribeFail'), 5000, 'socket subscribeFail');
  const {error} = await next(channel.listener('subscribeFail'), 5000, 'channel subscribeFail');
  assert.equal(error.name, 'ForbiddenChannelError');
  assert.equal(error.message, 'Channel is forbidden');
  const failEvent = await socketFail;
  assert.equal(failEvent.channel, 'forbiddenX');
  assert.equal(failEvent.error.name, 'ForbiddenChannelError');
  assert.equal(channel.state, 'unsubscribed');
  assert.equal(client.isSubscribed('forbiddenX', true), false);
  // Other channels are still fine.
  const ok = client.subscribe(uniqueName('allowed'));
  await next(ok.listener('subscribe'), 5000, 'subscribe allowed');
  assert.equal(ok.state, 'subscribed');
});

test('middleware: INVOKE blockedProc rejects with BlockedProcedureError', T, async (t) => {
  const {client} = await connectClient(t);
  await assert.rejects(client.invoke('blockedProc', {}), (err) => {
    assert.equal(err.name, 'BlockedProcedureError');
    assert.equal(err.message, 'blocked by middleware');
    return true;
  });
  assert.equal(await client.invoke('echo', 1), 1);
});

test('auth: login sets the token; reconnect handshake carries it and stays authenticated', T, async (t) => {
  const engine = new MemoryAuthEngine();
  const {client, status} = await connectClient(t, {authEngine: engine});
  assert.equal(status.isAuthenticated, false);
  assert.equal(await client.invoke('whoami'), null);

  const authenticated = next(client.listener('authenticate'), 5000, 'authenticate');
  const stateChange = next(client.listener('authStateChange'), 5000, 'authStateChange');
  assert.equal(await client.invoke('login', {username: 'alice'}), 'ok');
  const {signedAuthToken, authToken} = await authenticated;
  const change = await stateChange;
  assert.equal(change.oldAuthState, 'unauthenticated');
  assert.equal(change.newAuthState, 'authenticated');
  assert.equal(client.authState, 'authenticated');
  assert.equal(authToken.username, 'alice');
  assert.equal(client.authToken.username, 'alice');
  assert.equal(client.signedAuthToken, signedAuthToken);

  // A jsonwebtoken-compatible HS256 JWT signed with the fixture's authKey, default expiry 1 day.
  const verified = jwt.verify(signedAuthToken, 'testkey', {algorithms: ['HS256']});
  assert.equal(verified.username, 'alice');
  assert.equal(typeof verified.iat, 'number');
  assert.equal(verified.exp - verified.iat, 86400);
  assert.equal(jwt.decode(signedAuthToken, {complete: true}).header.alg, 'HS256');
  // The client stored the token through its auth engine.
  await sleep(0);
  assert.equal(engine.token, signedAuthToken);
  assert.equal(await client.invoke('whoami'), 'alice');

  const oldId = client.id;
  const reconnected = next(client.listener('connect'), 5000, 'connect after reconnect');
  const noAuthEvents = record(client.listener('deauthenticate'));
  client.reconnect();
  const again = await reconnected;
  assert.notEqual(client.id, oldId);
  assert.equal(again.isAuthenticated, true);
  assert.equal(again.authToken, signedAuthToken);
  assert.equal('authError' in again, false);
  assert.equal(client.authState, 'authenticated');
  assert.equal(await client.invoke('whoami'), 'alice');
  noAuthEvents.stop();
  assert.deepEqual(noAuthEvents.items, []);
});

test('auth: a valid stored token (signed with testkey) authenticates the handshake', T, async (t) => {
  const token = jwt.sign({username: 'bob'}, 'testkey', {expiresIn: 3600});
  const engine = new MemoryAuthEngine(token);
  const {client, status} = await connectClient(t, {authEngine: engine});
  assert.equal(status.isAuthenticated, true);
  assert.equal(status.authToken, token);
  assert.equal(client.authState, 'authenticated');
  assert.equal(client.authToken.username, 'bob');
  assert.equal(await client.invoke('whoami'), 'bob');
  assert.equal(engine.token, token);
});

async function expectBadStoredToken(t, token, expectedName, expectedMessage) {
  const engine = new MemoryAuthEngine(token);
  const client = createClient(t, {authEngine: engine});
  const connected = next(client.listener('connect'), 5000, 'connect');
  const removed = next(client.listener('removeAuthToken'), 5000, 'removeAuthToken');
  client.connect();
  const status = await connected;
  assert.equal(status.isAuthenticated, false);
  assert.ok(status.authError, 'status.authError expected');
  assert.ok(status.authError instanceof Error, 'authError is hydrated into an Error');
  assert.equal(status.authError.name, expectedName);
  assert.equal(status.authError.message, expectedMessage);
  assert.equal(status.authError.isBadToken, true);
  assert.equal(status.authToken, token);
  // The server follows the handshake reply with #removeAuthToken: the client deletes its token.
  const {oldAuthToken} = await removed;
  assert.equal(oldAuthToken, token);
  assert.equal(engine.token, null);
  assert.equal(client.authState, 'unauthenticated');
  assert.equal(client.authToken, null);
  assert.equal(await client.invoke('whoami'), null);
  return status;
}

test('auth: foreign-signed stored token -> authError AuthTokenInvalidError + #removeAuthToken', T, async (t) => {
  const foreign = jwt.sign({username: 'mallory'}, 'not-the-testkey', {expiresIn: 3600});
  await expectBadStoredToken(t, foreign, 'AuthTokenInvalidError', 'invalid signature');
});

test('auth: garbage stored token -> authError AuthTokenInvalidError + #removeAuthToken', T, async (t) => {
  await expectBadStoredToken(t, 'garbage.not-a.jwt', 'AuthTokenInvalidError', 'invalid token');
});

test('auth: expired stored token -> authError AuthTokenExpiredError + #removeAuthToken', T, async (t) => {
  const nowSec = Math.floor(Date.now() / 1000);
  const expired = jwt.sign({username: 'old', iat: nowSec - 7200, exp: nowSec - 3600}, 'testkey');
  const status = await expectBadStoredToken(t, expired, 'AuthTokenExpiredError', 'jwt expired');
  // `expiry` is the JSON form of the expiry Date.
  assert.equal(status.authError.expiry, new Date((nowSec - 3600) * 1000).toISOString());
});

test('auth: client authenticate() with a valid and with a foreign token', T, async (t) => {
  const engine = new MemoryAuthEngine();
  const {client} = await connectClient(t, {authEngine: engine});
  const good = jwt.sign({username: 'carol'}, 'testkey', {expiresIn: 3600});
  const result = await client.authenticate(good);
  assert.deepEqual({...result}, {isAuthenticated: true, authError: null});
  assert.equal(client.authState, 'authenticated');
  assert.equal(await client.invoke('whoami'), 'carol');

  const foreign = jwt.sign({username: 'mallory'}, 'other-key', {expiresIn: 3600});
  await assert.rejects(client.authenticate(foreign), (err) => {
    assert.equal(err.name, 'AuthTokenInvalidError');
    assert.equal(err.message, 'invalid signature');
    assert.equal(err.isBadToken, true);
    return true;
  });
  assert.equal(client.authState, 'unauthenticated');
  // The server dropped the previous (valid) authentication too.
  assert.equal(await client.invoke('whoami'), null);
});

test('auth: deauthenticate() drops the server-side token', T, async (t) => {
  const {client} = await connectClient(t);
  const authenticated = next(client.listener('authenticate'), 5000, 'authenticate');
  await client.invoke('login', {username: 'dave'});
  await authenticated;
  assert.equal(await client.invoke('whoami'), 'dave');
  await client.deauthenticate();
  assert.equal(client.authState, 'unauthenticated');
  assert.equal(await client.invoke('whoami'), null);
});

test('kickOut: kickMe -> kickOut event with message "bye", channel unsubscribed', T, async (t) => {
  const channelName = uniqueName('room');
  const {client} = await connectClient(t);
  const channel = client.subscribe(channelName);
  await next(channel.listener('subscribe'), 5000, 'subscribe');

  const kicked = next(client.listener('kickOut'), 5000, 'socket kickOut');
  const channelKicked = next(channel.listener('kickOut'), 5000, 'channel kickOut');
  const unsubscribed = next(channel.listener('unsubscribe'), 5000, 'channel unsubscribe');
  assert.equal(await client.invoke('kickMe', {channel: channelName}), 'ok');
  assert.deepEqual(await kicked, {channel: channelName, message: 'bye'});
  assert.deepEqual(await channelKicked, {message: 'bye'});
  await unsubscribed;
  assert.equal(channel.state, 'unsubscribed');
  assert.equal(client.isSubscribed(channelName, true), false);
  assert.deepEqual(client.subscriptions(true), []);

  // The server removed the subscription as well: a server publish is not sent to this socket.
  const raw = record(client.listener('message'));
  assert.equal(await client.invoke('serverInvokePublish', {channel: channelName, data: 'late'}), 'ok');
  await client.invoke('echo', 'sync');
  raw.stop();
  assert.deepEqual(raw.items.filter((m) => String(m.message).includes('#publish')), []);
});

test('disconnect with code: disconnectMe -> disconnect/close 4321 "bye", then auto-reconnect', T, async (t) => {
  const {client} = await connectClient(t);
  const disconnected = next(client.listener('disconnect'), 5000, 'disconnect');
  const closed = next(client.listener('close'), 5000, 'close');
  const errored = next(client.listener('error'), 5000, 'error');
  const reconnected = next(client.listener('connect'), 8000, 'reconnect');
  assert.equal(await client.invoke('disconnectMe'), 'ok');
  assert.deepEqual(await disconnected, {code: 4321, reason: 'bye'});
  assert.deepEqual(await closed, {code: 4321, reason: 'bye'});
  const {error} = await errored;
  assert.equal(error.name, 'SocketProtocolError');
  assert.equal(error.code, 4321);
  // 4321 < 4500, so the client reconnects by itself.
  await reconnected;
  assert.equal(client.state, 'open');
});

// Keep this one last in the file: it restarts the fixture server.
test('restart: client reconnects and resubscribes, then receives publications', {timeout: 20000}, async (t) => {
  const channelName = 'news';
  const {client} = await connectClient(t);
  const channel = client.subscribe(channelName);
  await next(channel.listener('subscribe'), 5000, 'subscribe');
  const oldId = client.id;

  const closed = next(client.listener('close'), 5000, 'close');
  const stateChanges = record(channel.listener('subscribeStateChange'));
  const reconnected = next(client.listener('connect'), 10000, 'reconnect');
  const resubscribed = next(channel.listener('subscribe'), 10000, 'resubscribe');
  assert.equal(await client.invoke('restart'), 'ok');
  const {code} = await closed;
  // agServer.close() terminates the sockets: no close frame, the client sees 1006.
  assert.equal(code, 1006);
  assert.equal(channel.state, 'pending');
  await reconnected;
  assert.notEqual(client.id, oldId);
  await resubscribed;
  assert.equal(channel.state, 'subscribed');
  stateChanges.stop();
  assert.deepEqual(stateChanges.items.map((c) => `${c.oldChannelState}->${c.newChannelState}`),
    ['subscribed->pending', 'pending->subscribed']);

  const received = collect(channel, 1, 5000, 'publication after restart');
  await client.invokePublish(channelName, {after: 'restart'});
  assert.deepEqual(await received, [{after: 'restart'}]);
});
