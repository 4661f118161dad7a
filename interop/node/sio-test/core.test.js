'use strict';

// Core Socket.IO interop scenarios: the official socket.io-client 4.8.4 against a fixture server
// implementing the contract in interop/README.md ("Socket.IO fixture contract"), default engine
// settings (pingInterval 25000, pingTimeout 20000). Each scenario runs over WebSocket only, HTTP
// long-polling only, and polling + upgrade. Validated against the real socket.io 4.8.4
// (../sio-reference-server.js): every expectation encodes what that server really does.

const assert = require('node:assert/strict');
const {
  scenario, connected, nextEvent, call, callAll, record, barrier, sleep, uniqueName, uniqueDynNamespace,
  settleTransport
} = require('../lib/sio-harness');

// ---------------------------------------------------------------------------------------------
// Connection, handshake, transports

scenario('connect: socket id is distinct from the Engine.IO id; handshake values; transport', async (t, c) => {
  const socket = c.socket();
  socket.connect(); // opens the Manager synchronously, so the engine exists now
  const engine = socket.io.engine;
  const handshake = nextEvent(engine, 'handshake', 5000, 'Engine.IO handshake');
  const upgraded = c.mode === 'upgrade' ? nextEvent(engine, 'upgrade', 5000, 'upgrade') : null;
  await nextEvent(socket, 'connect');
  const [open] = await handshake;

  assert.equal(socket.connected, true);
  assert.equal(typeof socket.id, 'string');
  assert.ok(socket.id.length > 0);
  assert.equal(typeof engine.id, 'string');
  assert.equal(engine.id, open.sid);
  assert.notEqual(socket.id, engine.id, 'the Socket.IO id must differ from the Engine.IO sid');
  // Exactly the Engine.IO v4 open packet keys.
  assert.deepEqual(Object.keys(open).sort(), ['maxPayload', 'pingInterval', 'pingTimeout', 'sid', 'upgrades']);
  assert.equal(open.pingInterval, 25000);
  assert.equal(open.pingTimeout, 20000);
  assert.equal(open.maxPayload, 1000000);
  // Upgrades are offered whenever the session was opened with polling (even to a polling-only client).
  assert.deepEqual(open.upgrades, c.mode === 'websocket' ? [] : ['websocket']);

  if (c.mode === 'upgrade') {
    const [transport] = await upgraded;
    assert.equal(transport.name, 'websocket');
    assert.equal(engine.transport.name, 'websocket');
    assert.equal(engine.id, open.sid, 'the sid survives the upgrade');
  } else {
    await sleep(300); // an upgrade would have happened by now
    assert.equal(engine.transport.name, c.mode);
  }
  // Still usable after the (possible) upgrade.
  assert.equal(await call(socket, 'echo', 'after'), 'after');
});

scenario('connect: every connection gets distinct socket and engine ids', async (t, c) => {
  const [a, b] = await c.connectMany(2);
  assert.notEqual(a.id, b.id);
  assert.notEqual(a.io.engine.id, b.io.engine.id);
});

scenario('connect: auth payload becomes handshake.auth (socket.data.name via fetchSockets)', async (t, c) => {
  const named = await c.connect({auth: {name: 'alice'}});
  const anonymous = await c.connect();
  const [seenNamed] = await call(named, 'fetchSockets', {room: named.id});
  assert.deepEqual(seenNamed, {id: named.id, rooms: [named.id], data: {name: 'alice'}});
  const [seenAnon] = await call(named, 'fetchSockets', {room: anonymous.id});
  assert.deepEqual(seenAnon, {id: anonymous.id, rooms: [anonymous.id], data: {name: null}});
});

scenario('connect: middleware rejection -> connect_error with message and data', async (t, c) => {
  const {socket, err} = await c.connectError({auth: {token: 'bad', name: 'mallory'}});
  assert.ok(err instanceof Error);
  assert.equal(err.message, 'not authorized');
  assert.deepEqual(err.data, {reason: 'bad token'});
  assert.equal(socket.connected, false);
  assert.equal(socket.active, false, 'a middleware error is final: the socket does not retry');
  // A good token on a fresh connection is accepted.
  const ok = await c.connect({auth: {token: 'good'}});
  assert.equal(ok.connected, true);
});

scenario('namespace /admin: rejected without the admin role, accepted with it', async (t, c) => {
  const none = await c.connectError({nsp: '/admin'});
  assert.equal(none.err.message, 'admins only');
  assert.deepEqual(none.err.data, {role: null});
  const user = await c.connectError({nsp: '/admin', auth: {role: 'user'}});
  assert.equal(user.err.message, 'admins only');
  assert.deepEqual(user.err.data, {role: 'user'});

  const admin = await c.connect({nsp: '/admin', auth: {role: 'admin'}});
  assert.equal(await call(admin, 'whoami'), '/admin');
  assert.deepEqual(await callAll(admin, 'echo', 1, 'two', {three: 3}), [1, 'two', {three: 3}]);
});

scenario('namespace: unknown namespace -> connect_error "Invalid namespace", connection kept', async (t, c) => {
  const manager = c.manager();
  const main = await connected(c.socket({manager}));
  const {socket, err} = await c.connectError({nsp: '/nope', manager});
  assert.equal(err.message, 'Invalid namespace');
  assert.equal(err.data, undefined);
  assert.equal(socket.active, false);
  // The rejection is per namespace: the Engine.IO connection and "/" keep working.
  assert.equal(main.connected, true);
  assert.equal(await call(main, 'echo', 'still here'), 'still here');
});

scenario('namespace: dynamic namespaces (regex and predicate parents)', async (t, c) => {
  const dyn = uniqueDynNamespace();
  const a = await c.connect({nsp: dyn});
  assert.equal(await call(a, 'whoami'), dyn);
  assert.deepEqual(await callAll(a, 'echo', 'x', 2), ['x', 2]);
  const fn = `/fn-${uniqueName('p')}`;
  const b = await c.connect({nsp: fn});
  assert.equal(await call(b, 'whoami'), fn);
  // A name no parent accepts is an invalid namespace.
  const {err} = await c.connectError({nsp: '/dyn-abc'});
  assert.equal(err.message, 'Invalid namespace');
});

scenario('namespace: multiplexing -- one Engine.IO connection, one socket per namespace', async (t, c) => {
  const manager = c.manager();
  const dyn = uniqueDynNamespace();
  const main = c.socket({manager});
  const admin = c.socket({manager, nsp: '/admin', auth: {role: 'admin'}});
  const child = c.socket({manager, nsp: dyn});
  const all = [main, admin, child];
  await Promise.all(all.map((s) => connected(s)));
  const engineIds = new Set(all.map((s) => s.io.engine.id));
  assert.equal(engineIds.size, 1, 'all namespaces share one Engine.IO session');
  assert.equal(new Set(all.map((s) => s.id)).size, 3, 'one socket id per namespace');
  assert.ok(!all.some((s) => s.id === main.io.engine.id));
  assert.deepEqual(await Promise.all(all.map((s) => call(s, 'echo', s.nsp))), ['/', '/admin', dyn]);
  assert.equal(await call(admin, 'whoami'), '/admin');
  assert.equal(await call(child, 'whoami'), dyn);
});

// ---------------------------------------------------------------------------------------------
// Events and acknowledgements

const VALUES = [
  'a string',
  '',
  'unicode: žluťoučký kůň 🚀 "quoted" \\ backslash / slash \u2028 \u2029',
  'control characters \u0000 \u0001 \u001e (record separator) \u001f \n \t',
  0, -1, 42, 3.25, 1e21, -0.5,
  true, false, null,
  [], [1, 'two', [3], {four: 4}],
  {}, {nested: {deeper: {deepest: [1, 2, 3]}}, 'key with spaces': 'v', '': 'empty key'},
  {_placeholder: false, num: 0}
];

scenario('emit without ack: echo -> the server emits "echo" back with the same arguments', async (t, c) => {
  const socket = await c.connect();
  for (const value of VALUES) {
    const echoed = nextEvent(socket, 'echo', 3000, `echo of ${JSON.stringify(value)}`);
    socket.emit('echo', value);
    assert.deepEqual(await echoed, [value]);
  }
  const multi = nextEvent(socket, 'echo');
  socket.emit('echo', 1, 'two', {three: [3]}, null);
  assert.deepEqual(await multi, [1, 'two', {three: [3]}, null]);
  const none = nextEvent(socket, 'echo');
  socket.emit('echo');
  assert.deepEqual(await none, []);
});

scenario('emit with ack: the ack carries every argument back, in order', async (t, c) => {
  const socket = await c.connect();
  for (const value of VALUES) {
    assert.deepEqual(await callAll(socket, 'echo', value), [value], JSON.stringify(value));
  }
  assert.deepEqual(await callAll(socket, 'echo', 1, 'two', [3], {four: 4}), [1, 'two', [3], {four: 4}]);
  assert.deepEqual(await callAll(socket, 'echo'), []);
  // Plain callback form (no timeout): the callback gets the ack arguments directly.
  const plain = await new Promise((resolve) => socket.emit('echo', 'plain', 7, (...args) => resolve(args)));
  assert.deepEqual(plain, ['plain', 7]);
  // Many acks in flight at once are matched by id.
  const answers = await Promise.all(Array.from({length: 50}, (_, i) => call(socket, 'echo', i)));
  assert.deepEqual(answers, Array.from({length: 50}, (_, i) => i));
});

scenario('emit: large payloads (200 KB string, 100 KB object) round-trip', async (t, c) => {
  const socket = await c.connect();
  const big = 'x'.repeat(200 * 1024);
  assert.equal(await call(socket, 'echo', big), big);
  const obj = {items: Array.from({length: 2000}, (_, i) => ({i, s: `item-${i}-${'y'.repeat(30)}`}))};
  assert.deepEqual(await call(socket, 'echo', obj), obj);
});

scenario('emit: client timeout(ms).emit without a server ack -> "operation has timed out"', async (t, c) => {
  const socket = await c.connect();
  const started = Date.now();
  const err = await new Promise((resolve) => {
    socket.timeout(300).emit('noHandler', 'data', (e) => resolve(e));
  });
  assert.ok(err instanceof Error);
  assert.equal(err.message, 'operation has timed out');
  assert.ok(Date.now() - started >= 250, 'timed out too early');
  // The same with emitWithAck (rejects).
  await assert.rejects(socket.timeout(200).emitWithAck('noHandler'), {message: 'operation has timed out'});
  // The connection is unaffected.
  assert.equal(await call(socket, 'echo', 'ok'), 'ok');
});

scenario('emit: emitWithAck resolves with the first ack argument', async (t, c) => {
  const socket = await c.connect();
  assert.deepEqual(await socket.emitWithAck('echo', {a: 1}, 'ignored'), {a: 1});
  assert.equal(await socket.timeout(2000).emitWithAck('echo', 'with timeout'), 'with timeout');
  assert.deepEqual(await socket.emitWithAck('rooms'), [socket.id]);
});

scenario('server -> client ack: the client answers via its callback', async (t, c) => {
  const socket = await c.connect();
  const questions = [];
  socket.on('question', (data, cb) => {
    questions.push(data);
    cb({answer: 42, to: data});
  });
  assert.deepEqual(await call(socket, 'ask', {event: 'question', data: 'life?', timeout: 2000}),
    {err: null, answer: {answer: 42, to: 'life?'}});
  assert.deepEqual(await call(socket, 'askWithAck', {event: 'question', data: 'again?', timeout: 2000}),
    {err: null, answer: {answer: 42, to: 'again?'}});
  assert.deepEqual(questions, ['life?', 'again?']);
});

scenario('server -> client ack: a client that never answers -> "operation has timed out"', async (t, c) => {
  const socket = await c.connect();
  let received = 0;
  socket.on('silent', (data, cb) => {
    received++;
    assert.equal(typeof cb, 'function', 'the client gets an ack callback');
    // ... and never calls it.
  });
  const started = Date.now();
  assert.deepEqual(await call(socket, 'ask', {event: 'silent', data: 1, timeout: 300}),
    {err: 'operation has timed out', answer: null});
  assert.ok(Date.now() - started >= 250);
  assert.deepEqual(await call(socket, 'askWithAck', {event: 'silent', data: 2, timeout: 300}),
    {err: 'operation has timed out', answer: null});
  assert.equal(received, 2);
  // No listener at all on the client: same result.
  assert.deepEqual(await call(socket, 'ask', {event: 'nobodyListens', data: 3, timeout: 300}),
    {err: 'operation has timed out', answer: null});
});

// ---------------------------------------------------------------------------------------------
// Binary

scenario('binary: server ack with Buffers, top-level and nested', async (t, c) => {
  const socket = await c.connect();
  const [top, obj] = await callAll(socket, 'binary');
  assert.ok(Buffer.isBuffer(top), `expected a Buffer, got ${Object.prototype.toString.call(top)}`);
  assert.deepEqual([...top], [1, 2, 3]);
  assert.deepEqual(Object.keys(obj), ['nested']);
  assert.ok(Buffer.isBuffer(obj.nested));
  assert.equal(obj.nested.toString('utf8'), 'hi');
});

scenario('binary: Buffers in args (top-level, nested, arrays, several) round-trip', async (t, c) => {
  const socket = await c.connect();
  const all256 = Buffer.from(Array.from({length: 256}, (_, i) => i));
  const args = [
    Buffer.from([0, 1, 2, 253, 254, 255]),
    {label: 'nested', payload: Buffer.from('héllo', 'utf8'), list: [Buffer.from([9]), 'text', 5]},
    [all256, {deep: {deeper: Buffer.alloc(0)}}],
    'plain string',
    Buffer.alloc(100 * 1024, 7)
  ];
  const back = await callAll(socket, 'binaryEcho', ...args);
  assert.equal(back.length, args.length);
  assert.deepEqual([...back[0]], [0, 1, 2, 253, 254, 255]);
  assert.equal(back[1].label, 'nested');
  assert.equal(back[1].payload.toString('utf8'), 'héllo');
  assert.deepEqual([...back[1].list[0]], [9]);
  assert.deepEqual(back[1].list.slice(1), ['text', 5]);
  assert.ok(back[2][0].equals(all256));
  assert.ok(Buffer.isBuffer(back[2][1].deep.deeper));
  assert.equal(back[2][1].deep.deeper.length, 0);
  assert.equal(back[3], 'plain string');
  assert.ok(back[4].equals(Buffer.alloc(100 * 1024, 7)));
  // Typed arrays / ArrayBuffers are sent as binary too and come back as Buffers.
  const [u8, ab] = await callAll(socket, 'binaryEcho', new Uint8Array([5, 6, 7]), new Uint8Array([8, 9]).buffer);
  assert.deepEqual([...u8], [5, 6, 7]);
  assert.deepEqual([...ab], [8, 9]);
});

scenario('binary: an event with binary from the server (echo without ack)', async (t, c) => {
  const socket = await c.connect();
  const echoed = nextEvent(socket, 'echo');
  socket.emit('echo', 'bin', Buffer.from([10, 20, 30]), {b: Buffer.from([40])});
  const [label, buf, obj] = await echoed;
  assert.equal(label, 'bin');
  assert.deepEqual([...buf], [10, 20, 30]);
  assert.deepEqual([...obj.b], [40]);
  // An object that merely looks like a placeholder is data, not an attachment.
  const fake = nextEvent(socket, 'echo');
  socket.emit('echo', {_placeholder: true, num: 0});
  assert.deepEqual(await fake, [{_placeholder: true, num: 0}]);
});

// ---------------------------------------------------------------------------------------------
// Rooms

scenario('rooms: join/leave; rooms lists the own id first, then joined rooms', async (t, c) => {
  const socket = await c.connect();
  const r1 = uniqueName('r1');
  const r2 = uniqueName('r2');
  assert.deepEqual(await call(socket, 'rooms'), [socket.id]);
  await call(socket, 'join', r1);
  await call(socket, 'join', r2);
  await call(socket, 'join', r1); // joining twice is a no-op
  assert.deepEqual(await call(socket, 'rooms'), [socket.id, r1, r2]);
  await call(socket, 'leave', r1);
  assert.deepEqual(await call(socket, 'rooms'), [socket.id, r2]);
  await call(socket, 'leave', 'never-joined'); // leaving a room one is not in is a no-op
  await call(socket, 'leave', r2);
  assert.deepEqual(await call(socket, 'rooms'), [socket.id]);
});

// ---------------------------------------------------------------------------------------------
// Reserved events, onAny / onAnyOutgoing

scenario('reserved events: emitting "disconnecting" throws on the server and on the client', async (t, c) => {
  const socket = await c.connect();
  const message = await call(socket, 'emitReserved');
  assert.equal(typeof message, 'string');
  assert.ok(message.includes('"disconnecting" is a reserved event name'), message);
  assert.equal(message, '"disconnecting" is a reserved event name');
  for (const name of ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']) {
    assert.throws(() => socket.emit(name), {message: `"${name}" is a reserved event name`});
  }
  assert.equal(socket.connected, true);
});

scenario('onAny (server): sees events that have no handler, with their arguments', async (t, c) => {
  const socket = await c.connect();
  socket.emit('noHandler', 1, 'x', {y: [2]});
  assert.deepEqual(await call(socket, 'lastAny'), {event: 'noHandler', args: [1, 'x', {y: [2]}], withAck: false});
  // An event with an ack is seen with withAck: true (it is never answered).
  socket.timeout(100).emit('noHandlerAck', 'q', () => {});
  assert.deepEqual(await call(socket, 'lastAny'), {event: 'noHandlerAck', args: ['q'], withAck: true});
  // Handled events are seen as well.
  await call(socket, 'echo', 'e');
  assert.deepEqual(await call(socket, 'lastAny'), {event: 'echo', args: ['e'], withAck: true});
});

scenario('onAnyOutgoing (server) sees socket.emit and broadcasts; client onAny/onAnyOutgoing', async (t, c) => {
  const socket = await c.connect();
  const incoming = record(socket);
  const outgoing = [];
  socket.onAnyOutgoing((event, ...args) => outgoing.push([event, ...args.filter((a) => typeof a !== 'function')]));
  const echoed = nextEvent(socket, 'echo');
  socket.emit('echo', 'out');
  await echoed;
  await call(socket, 'emitToId', {id: socket.id, event: 'private', data: 'p'});
  await call(socket, 'emitCompressOff', {event: 'uncompressed', data: 'u'});
  const seen = await call(socket, 'outgoingSeen');
  // Acks are not events: only the emitted events, in order.
  assert.deepEqual(seen, ['echo', 'private', 'uncompressed']);
  // Client side: onAny saw the three events; onAnyOutgoing saw every emit incl. the calls.
  assert.deepEqual(incoming.items.map((i) => i.event), ['echo', 'private', 'uncompressed']);
  assert.deepEqual(outgoing.slice(0, 3), [
    ['echo', 'out'],
    ['emitToId', {id: socket.id, event: 'private', data: 'p'}],
    ['emitCompressOff', {event: 'uncompressed', data: 'u'}]
  ]);
  assert.deepEqual(outgoing[3], ['outgoingSeen']);
});

scenario('compress(false): the sender (and only the sender) gets the event', async (t, c) => {
  const [a, b] = await c.connectMany(2);
  const ra = record(a);
  const rb = record(b);
  await call(a, 'emitCompressOff', {event: 'nocompress', data: {big: 'z'.repeat(5000)}});
  await barrier(a, b);
  assert.deepEqual(ra.events('nocompress'), [[{big: 'z'.repeat(5000)}]]);
  assert.deepEqual(rb.events('nocompress'), []);
});

scenario('cheatsheet (client side): compress(false).emit and volatile.emit from an idle client', async (t, c) => {
  const socket = await c.connect({awaitUpgrade: true});
  assert.deepEqual(await socket.compress(false).timeout(3000).emitWithAck('echo', {c: 'no compression'}),
    {c: 'no compression'});
  const echoed = nextEvent(socket, 'echo');
  socket.compress(false).emit('echo', 'plain, uncompressed');
  assert.deepEqual(await echoed, ['plain, uncompressed']);
  // A volatile emit is only dropped when the transport is not writable; an idle, connected client's is.
  await sleep(50);
  const volatileEcho = nextEvent(socket, 'echo');
  socket.volatile.emit('echo', 'volatile');
  assert.deepEqual(await volatileEcho, ['volatile']);
});

// In upgrade mode the transport ends as WebSocket once the probe completed (asserted once more
// here after some traffic, independent of the connect scenario).
scenario('transport: stays usable across the upgrade with traffic in flight', async (t, c) => {
  const socket = await c.connect();
  const pending = Array.from({length: 20}, (_, i) => call(socket, 'echo', i));
  const name = await settleTransport(socket, c.mode);
  assert.deepEqual(await Promise.all(pending), Array.from({length: 20}, (_, i) => i));
  assert.equal(name, c.mode === 'polling' ? 'polling' : 'websocket');
  assert.equal(await call(socket, 'echo', 'after'), 'after');
});
