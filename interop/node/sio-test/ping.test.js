'use strict';

// Heartbeat scenarios. The fixture for this file is started with short engine timers:
//   --ping-interval 200 --ping-timeout 1000 --connect-timeout 1000
// (sio-suites in suites.json), so several pings happen within a second.

const assert = require('node:assert/strict');
const {scenario, nextEvent, call, sleep, eventually} = require('../lib/sio-harness');

const PING_INTERVAL = 200;
const PING_TIMEOUT = 1000;
const CONNECT_TIMEOUT = 1000;

scenario('ping: the connection stays alive across many ping intervals; the client answers every ping', async (t, c) => {
  const socket = c.socket();
  socket.connect();
  const engine = socket.io.engine;
  const handshake = nextEvent(engine, 'handshake');
  await nextEvent(socket, 'connect');
  const [open] = await handshake;
  assert.equal(open.pingInterval, PING_INTERVAL);
  assert.equal(open.pingTimeout, PING_TIMEOUT);

  const pings = [];
  engine.on('ping', () => pings.push(Date.now()));
  const disconnects = [];
  socket.on('disconnect', (reason) => disconnects.push(reason));
  const started = Date.now();
  await sleep(6 * PING_INTERVAL + 300);
  assert.ok(pings.length >= 4, `expected >= 4 pings in ${Date.now() - started} ms, got ${pings.length}`);
  // Server-driven: the pings come roughly every pingInterval (each one after the previous pong).
  const gaps = pings.slice(1).map((p, i) => p - pings[i]);
  assert.ok(gaps.every((g) => g >= PING_INTERVAL * 0.5 && g < PING_INTERVAL + PING_TIMEOUT), `ping gaps ${gaps}`);
  assert.deepEqual(disconnects, []);
  assert.equal(socket.connected, true);
  assert.equal(await call(socket, 'echo', 'alive'), 'alive');
}, {timeout: 10000});

scenario('ping: a client that stops answering pings is dropped with "ping timeout"', async (t, c) => {
  const observer = await c.connect();
  const socket = await c.connect();
  const id = socket.id;
  const engine = socket.io.engine;
  // Swallow the client's pongs (engine.io-client answers each ping with _sendPacket("pong")). The
  // client still sees the pings, and its own timer (pingInterval + pingTimeout after the last ping)
  // is stretched here, so on a loaded machine it cannot fire before the server's pingTimeout does:
  // its margin would otherwise be one pingInterval (200 ms).
  engine._pingTimeout = PING_TIMEOUT + 4000;
  const originalSendPacket = engine._sendPacket;
  let dropped = 0;
  engine._sendPacket = function (type, ...rest) {
    if (type === 'pong') {
      dropped++;
      return;
    }
    return originalSendPacket.call(this, type, ...rest);
  };
  const started = Date.now();
  const [reason] = await nextEvent(socket, 'disconnect', PING_INTERVAL + PING_TIMEOUT + 2000, 'disconnect');
  const elapsed = Date.now() - started;
  assert.equal(reason, 'transport close', 'the server closed the transport');
  assert.ok(dropped >= 1);
  assert.ok(elapsed >= PING_TIMEOUT * 0.8, `dropped after ${elapsed} ms`);
  const record = await eventually(() => call(observer, 'lastDisconnecting', id), {label: 'disconnecting record'});
  assert.deepEqual(record, {id, rooms: [id], reason: 'ping timeout'});
}, {timeout: 10000});

scenario('connectTimeout: a connection that joins no namespace is closed by the server', async (t, c) => {
  const manager = c.manager();
  const opened = nextEvent(manager, 'open', 5000, 'Manager open');
  manager.open();
  await opened;
  const started = Date.now();
  const [reason] = await nextEvent(manager, 'close', CONNECT_TIMEOUT + 3000, 'Manager close');
  const elapsed = Date.now() - started;
  assert.equal(reason, 'transport close');
  assert.ok(elapsed >= CONNECT_TIMEOUT * 0.7, `closed after ${elapsed} ms`);
  assert.ok(elapsed < CONNECT_TIMEOUT + 1500, `closed after ${elapsed} ms`);
}, {timeout: 10000});
