'use strict';

// Connection lifecycle scenarios: disconnect reasons on both sides, `disconnecting` still seeing the
// rooms, namespace-only disconnects on a multiplexed connection, and a server restart with automatic
// reconnection. The restart scenarios restart the whole fixture, so they come last in this file.

const assert = require('node:assert/strict');
const {
  scenario, connected, nextEvent, call, sleep, uniqueName, uniqueDynNamespace, eventually
} = require('../lib/sio-harness');

// The fixture's `disconnecting` record of socket `id`, polled from another client (the disconnect
// travels on another connection, so it may be processed a moment later).
function disconnectingOf(observer, id) {
  return eventually(() => call(observer, 'lastDisconnecting', id), {label: `disconnecting record of ${id}`});
}

// Collects the `disconnect` reasons of a socket.
function reasonsOf(socket) {
  const reasons = [];
  socket.on('disconnect', (reason) => reasons.push(reason));
  return reasons;
}

const FAST_RECONNECT = {reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 200, randomizationFactor: 0};

scenario('server disconnect (socket.disconnect()): "io server disconnect", no reconnection', async (t, c) => {
  const observer = await c.connect();
  const socket = await c.connect({managerOptions: FAST_RECONNECT});
  const room = uniqueName('room');
  await call(socket, 'join', room);
  const id = socket.id;
  const reasons = reasonsOf(socket);
  const reconnects = [];
  socket.io.on('reconnect_attempt', (n) => reconnects.push(n));
  let reconnected = false;
  socket.on('connect', () => {
    reconnected = true;
  });
  const disconnected = nextEvent(socket, 'disconnect');
  await call(socket, 'disconnectMe', false);
  const [reason] = await disconnected;
  assert.equal(reason, 'io server disconnect');
  assert.equal(socket.connected, false);
  assert.equal(socket.active, false, 'a server-side disconnect is final for the socket');
  assert.equal(socket.id, undefined);
  // Server side: "server namespace disconnect"; `disconnecting` still saw every room.
  assert.deepEqual(await disconnectingOf(observer, id), {id, rooms: [id, room], reason: 'server namespace disconnect'});
  await sleep(600); // several reconnection delays
  assert.equal(reconnected, false);
  assert.deepEqual(reconnects, []);
  assert.deepEqual(reasons, ['io server disconnect']);
  // A manual connect() works again (new socket id).
  await connected(socket);
  assert.notEqual(socket.id, id);
  assert.equal(await call(socket, 'echo', 'back'), 'back');
});

scenario('server disconnect(true) closes the connection: every namespace gets "io server disconnect"', async (t, c) => {
  const observer = await c.connect();
  const manager = c.manager(FAST_RECONNECT);
  const socket = await connected(c.socket({manager}));
  const dyn = await connected(c.socket({manager, nsp: uniqueDynNamespace()}));
  const id = socket.id;
  const engine = manager.engine;
  const reasons = reasonsOf(socket);
  const dynReasons = reasonsOf(dyn);
  const managerClosed = nextEvent(manager, 'close', 3000, 'manager close');
  const dynDisconnected = nextEvent(dyn, 'disconnect');
  await call(socket, 'disconnectMe', true);
  await dynDisconnected;
  await managerClosed;
  assert.deepEqual(reasons, ['io server disconnect']);
  assert.deepEqual(dynReasons, ['io server disconnect']);
  // The Manager emits 'close' before it closes its engine, and an engine with packets still to write
  // (over polling, a POST in flight) is 'closing' until they drain.
  await eventually(() => engine.readyState === 'closed', {label: 'engine closed'});
  assert.deepEqual(await disconnectingOf(observer, id), {id, rooms: [id], reason: 'server namespace disconnect'});
  await sleep(500);
  assert.equal(socket.connected || dyn.connected, false, 'no automatic reconnection');
});

scenario('server disconnect of one namespace keeps the other namespaces of the connection', async (t, c) => {
  const manager = c.manager();
  const socket = await connected(c.socket({manager}));
  const dyn = await connected(c.socket({manager, nsp: uniqueDynNamespace()}));
  const engineId = manager.engine.id;
  const dynReasons = reasonsOf(dyn);
  const disconnected = nextEvent(socket, 'disconnect');
  await call(socket, 'disconnectMe', false);
  assert.equal((await disconnected)[0], 'io server disconnect');
  assert.equal(await call(dyn, 'echo', 'still'), 'still');
  assert.equal(manager.engine.id, engineId);
  assert.equal(manager.engine.readyState, 'open');
  assert.deepEqual(dynReasons, []);
});

scenario('client socket.disconnect(): "io client disconnect"; server sees "client namespace disconnect" with rooms', async (t, c) => {
  const observer = await c.connect();
  const socket = await c.connect({managerOptions: FAST_RECONNECT});
  const [r1, r2] = [uniqueName('r1'), uniqueName('r2')];
  await call(socket, 'join', r1);
  await call(socket, 'join', r2);
  const id = socket.id;
  const manager = socket.io;
  const disconnected = nextEvent(socket, 'disconnect');
  socket.disconnect();
  assert.equal((await disconnected)[0], 'io client disconnect');
  assert.equal(socket.active, false);
  assert.deepEqual(await disconnectingOf(observer, id), {id, rooms: [id, r1, r2], reason: 'client namespace disconnect'});
  // The last socket of the Manager closes the Engine.IO connection as well.
  await eventually(() => manager.engine === undefined || manager.engine.readyState === 'closed',
    {label: 'engine closed'});
  // Gone from the server.
  assert.deepEqual(await call(observer, 'fetchSockets', {room: id}), []);
});

scenario('client disconnect of one namespace keeps the other namespaces of the same Manager', async (t, c) => {
  const observer = await c.connect();
  const manager = c.manager();
  const main = await connected(c.socket({manager}));
  const nsp = uniqueDynNamespace();
  const dyn = await connected(c.socket({manager, nsp}));
  const engineId = manager.engine.id;
  const id = main.id;
  main.disconnect();
  assert.deepEqual(await disconnectingOf(observer, id), {id, rooms: [id], reason: 'client namespace disconnect'});
  assert.equal(await call(dyn, 'whoami'), nsp);
  assert.equal(dyn.connected, true);
  assert.equal(manager.engine.id, engineId, 'same Engine.IO session');
  assert.equal(manager.engine.readyState, 'open');
  // Reconnecting the main namespace on the same Manager gives a new socket id on the same session.
  await connected(main);
  assert.notEqual(main.id, id);
  assert.equal(manager.engine.id, engineId);
  assert.equal(await call(main, 'echo', 'again'), 'again');
});

scenario('client closes the Engine.IO connection: server reason "transport close", client "forced close"', async (t, c) => {
  const observer = await c.connect();
  const socket = await c.connect({managerOptions: FAST_RECONNECT});
  const id = socket.id;
  const disconnected = nextEvent(socket, 'disconnect');
  socket.io.engine.close();
  const [reason] = await disconnected;
  assert.equal(reason, 'forced close');
  const record = await disconnectingOf(observer, id);
  assert.deepEqual(record, {id, rooms: [id], reason: 'transport close'});
});

scenario('emits while disconnected are buffered and sent after connecting', async (t, c) => {
  const socket = c.socket();
  const answer = socket.emitWithAck('echo', 'buffered');
  const plain = nextEvent(socket, 'echo');
  socket.emit('echo', 'buffered plain');
  await connected(socket);
  assert.equal(await answer, 'buffered');
  assert.deepEqual(await plain, ['buffered plain']);
  // Volatile emits are NOT buffered while disconnected.
  socket.disconnect();
  const recorded = [];
  socket.on('echo', (...args) => recorded.push(args));
  socket.volatile.emit('echo', 'dropped');
  socket.emit('echo', 'kept');
  await connected(socket);
  await call(socket, 'echo', 'barrier');
  assert.deepEqual(recorded, [['kept']]);
});

// ---------------------------------------------------------------------------------------------
// Restart: the fixture closes every connection and listens again ~500 ms later.

scenario('server restart: "transport close", automatic reconnection, emits work again', async (t, c) => {
  const socket = await c.connect({managerOptions: FAST_RECONNECT});
  const dyn = await connected(c.socket({manager: socket.io, nsp: uniqueDynNamespace()}));
  const oldId = socket.id;
  const reasons = reasonsOf(socket);
  const manager = socket.io;
  const attempts = [];
  manager.on('reconnect_attempt', (n) => attempts.push(n));
  const disconnected = nextEvent(socket, 'disconnect', 3000, 'disconnect on restart');
  const reconnected = nextEvent(manager, 'reconnect', 8000, 'Manager reconnect');
  const socketBack = disconnected.then(() => nextEvent(socket, 'connect', 8000, 'socket connect after restart'));
  const dynBack = disconnected.then(() => nextEvent(dyn, 'connect', 8000, 'dyn connect after restart'));
  await call(socket, 'restart');
  const [reason] = await disconnected;
  assert.equal(reason, 'transport close');
  assert.equal(socket.active, true, 'transport close is recoverable: the socket stays active');
  // An emit while the server is down is buffered and delivered after the reconnection.
  const buffered = socket.timeout(8000).emitWithAck('echo', 'during restart');
  await reconnected;
  await socketBack;
  await dynBack;
  assert.ok(attempts.length >= 1);
  assert.equal(socket.connected, true);
  assert.notEqual(socket.id, oldId, 'a fresh server gives a new socket id');
  assert.equal(await buffered, 'during restart');
  assert.equal(await call(socket, 'echo', 'after restart'), 'after restart');
  assert.equal(await call(dyn, 'echo', 'dyn after restart'), 'dyn after restart');
  assert.deepEqual(reasons, ['transport close']);
  // Fresh server state: the old socket is unknown.
  assert.deepEqual(await call(socket, 'fetchSockets', {room: oldId}), []);
}, {timeout: 15000});
