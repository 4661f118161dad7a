'use strict';

// Ping/pong scenarios for a fixture started with SHORT ping settings:
//   --ping-interval 200 --ping-timeout 1000
// (see ../suites.json). A well-behaved client stays connected; a client that stops sending pongs
// is closed by the server with 4001.

const test = require('node:test');
const assert = require('node:assert/strict');
const {createClient, connectClient, next, record, sleep, suppressPongs, isPing} = require('../lib/harness');

const PING_TIMEOUT = 1000;
const T = {timeout: 15000};

async function connectFastPingClient(t, options) {
  const result = await connectClient(t, options);
  assert.equal(result.status.pingTimeout, PING_TIMEOUT,
    'fixture must be started with --ping-interval 200 --ping-timeout 1000');
  return result;
}

test('ping: server pings with empty text frames; a ponging client stays connected', T, async (t) => {
  const {client} = await connectFastPingClient(t);
  const messages = record(client.listener('message'));
  const closes = record(client.listener('close'));
  await sleep(2500);
  messages.stop();
  closes.stop();
  const pings = messages.items.filter(isPing);
  // Every 200 ms -> about 12 in 2.5 s; demand a safe minimum.
  assert.ok(pings.length >= 6, `expected >= 6 pings in 2.5 s, got ${pings.length}`);
  assert.deepEqual(closes.items, []);
  assert.equal(client.state, 'open');
  assert.equal(await client.invoke('echo', 'alive'), 'alive');
});

test('ping: client that stops answering pings is closed by the server with 4001', T, async (t) => {
  const {client} = await connectFastPingClient(t);
  const closed = next(client.listener('close'), 5000, 'close');
  const errored = next(client.listener('error'), 5000, 'error');
  const reconnected = next(client.listener('connect'), 8000, 'reconnect');
  const since = Date.now();
  const dropped = suppressPongs(client);

  const {code, reason} = await closed;
  const elapsed = Date.now() - since;
  assert.equal(code, 4001);
  // The server sends no reason; the client fills in the sc-errors text for the code.
  assert.equal(reason, 'Client pong timed out');
  assert.ok(dropped.count >= 1, 'the client should have tried to answer at least one ping');
  assert.ok(elapsed >= 500, `closed too early (${elapsed} ms) to be a pong timeout`);
  const {error} = await errored;
  assert.equal(error.name, 'SocketProtocolError');
  assert.equal(error.code, 4001);

  // 4001 => immediate reconnect; the new transport answers pings again and stays up.
  await reconnected;
  const closes = record(client.listener('close'));
  await sleep(1500);
  closes.stop();
  assert.deepEqual(closes.items, []);
  assert.equal(client.state, 'open');
});

test('ping: any inbound message also keeps the connection alive (v20), even without pongs', T, async (t) => {
  const {client} = await connectFastPingClient(t);
  const closes = record(client.listener('close'));
  suppressPongs(client);
  // socketcluster-server 20 resets the pong timer on any message, at most every pingTimeout/4.
  const chatter = setInterval(() => client.transmit('keepAlive', Date.now()), 100);
  try {
    await sleep(2500);
  } finally {
    clearInterval(chatter);
  }
  closes.stop();
  assert.deepEqual(closes.items, []);
  assert.equal(client.state, 'open');
});

test('ping: handshake status reports the server pingTimeout and the client adopts it', T, async (t) => {
  const client = createClient(t);
  const connected = next(client.listener('connect'), 5000, 'connect');
  client.connect();
  const status = await connected;
  assert.equal(status.pingTimeout, PING_TIMEOUT);
  assert.equal(client.pingTimeout, PING_TIMEOUT);
});
