'use strict';

// Shared helpers for the interop scenarios. Lives outside test/ so that `node --test test/` does not
// treat it as a test file.
//
// Environment contract (set by the JUnit runner, or by hand):
//   SB_PORT  (required) port of the fixture server
//   SB_HOST  (optional) host name or address, default 127.0.0.1
// The WebSocket path is always /socketcluster/.

const {after} = require('node:test');
const socketClusterClient = require('socketcluster-client');

const HOST = process.env.SB_HOST || '127.0.0.1';
const PORT = Number(process.env.SB_PORT);
if (!Number.isInteger(PORT) || PORT <= 0) {
  throw new Error('SB_PORT must be set to the port of a running fixture server '
    + '(e.g. SB_PORT=8000 node --test test/core.test.js)');
}

// Every client created in this process; disconnected after each test and at the end of the file
// so that a failed test never keeps the process alive with a reconnecting socket.
const liveClients = new Set();

after(() => {
  for (const client of liveClients) {
    closeClient(client);
  }
});

function closeClient(client) {
  liveClients.delete(client);
  try {
    client.disconnect();
  } catch (err) {
    // Already closed.
  }
  client.killAllListeners();
  client.killAllReceivers();
  client.killAllChannels();
}

// In-memory auth token storage that can be inspected and pre-filled by the tests.
class MemoryAuthEngine {
  constructor(initialToken) {
    this.token = initialToken == null ? null : initialToken;
    this.saved = [];
    this.removed = [];
  }

  async saveToken(name, token) {
    this.token = token;
    this.saved.push(token);
    return token;
  }

  async removeToken(name) {
    const old = this.token;
    this.token = null;
    this.removed.push(old);
    return old;
  }

  async loadToken(name) {
    return this.token;
  }
}

const FAST_RECONNECT = {initialDelay: 100, randomness: 100, multiplier: 1.5, maxDelay: 1000};

// Creates a client that is NOT connected yet (autoConnect: false), so that the test can attach its
// listeners first; call client.connect() (or use connectClient). Disconnected when the test ends.
function createClient(t, options = {}) {
  const client = socketClusterClient.create({
    hostname: HOST,
    port: PORT,
    path: '/socketcluster/',
    autoConnect: false,
    autoReconnect: true,
    autoReconnectOptions: {...FAST_RECONNECT},
    connectTimeout: 5000,
    ackTimeout: 3000,
    authEngine: new MemoryAuthEngine(),
    ...options
  });
  liveClients.add(client);
  if (t) {
    t.after(() => closeClient(client));
  }
  return client;
}

// Creates a client, connects it and resolves with {client, status} once the `connect` event fired.
async function connectClient(t, options = {}, timeout = 5000) {
  const client = createClient(t, options);
  const connected = client.listener('connect').once(timeout);
  client.connect();
  const status = await connected;
  return {client, status};
}

// Resolves with the next `count` items of a consumable stream (channel, receiver, listener). The
// consumer is created synchronously, so call this BEFORE triggering whatever produces the items.
function collect(stream, count, timeout = 5000, label = 'items') {
  const consumer = stream.createConsumer();
  const items = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      consumer.return();
      reject(new Error(`Timed out after ${timeout} ms waiting for ${count} ${label}; `
        + `got ${items.length}: ${JSON.stringify(items).slice(0, 500)}`));
    }, timeout);
    (async () => {
      while (items.length < count) {
        const {value, done} = await consumer.next();
        if (done) break;
        items.push(value);
      }
      clearTimeout(timer);
      consumer.return();
      resolve(items);
    })().catch((err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

// Next item of a stream with a descriptive timeout error.
async function next(stream, timeout = 5000, label = 'event') {
  try {
    return await stream.once(timeout);
  } catch (err) {
    if (err && err.name === 'TimeoutError') {
      throw new Error(`Timed out after ${timeout} ms waiting for ${label}`);
    }
    throw err;
  }
}

// Collects everything a stream yields (until stopped), for negative/ordering checks.
function record(stream) {
  const consumer = stream.createConsumer();
  const items = [];
  let stopped = false;
  (async () => {
    while (!stopped) {
      const {value, done} = await consumer.next();
      if (done || stopped) return;
      items.push(value);
    }
  })().catch(() => {
    // consumer.return() while a next() is being resolved makes that next() throw; ignore.
  });
  return {
    items,
    stop: () => {
      stopped = true;
      consumer.return();
    }
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function uniqueName(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

module.exports = {
  HOST,
  PORT,
  MemoryAuthEngine,
  FAST_RECONNECT,
  createClient,
  connectClient,
  closeClient,
  collect,
  next,
  record,
  sleep,
  uniqueName
};

// Makes the client stop answering the server's pings on its CURRENT connection only.
//
// How: socketcluster-client 20.x creates a new AGTransport (client.transport) per connection. Its
// ping handler (transport._handlePing, protocol v2) resets the client's own ping timer and then
// answers with transport.send('') -- the pong is the empty text frame. We wrap send() of that one
// transport instance so that the empty string is swallowed: the client still sees the pings (so its
// own 4000 timer never fires), but the server never gets a pong. A reconnect creates a fresh,
// unpatched transport. Nothing else ever sends '' (every other frame is a JSON object/array).
function suppressPongs(client) {
  const transport = client.transport;
  if (!transport || typeof transport.send !== 'function') {
    throw new Error('client.transport is not available; is the client connected?');
  }
  const originalSend = transport.send;
  const dropped = {count: 0};
  transport.send = function (data) {
    if (data === '') {
      dropped.count++;
      return;
    }
    return originalSend.call(this, data);
  };
  return dropped;
}

// True for a protocol v2 ping (an empty text frame) as seen in the client's `message` event.
function isPing(messageEvent) {
  return messageEvent && messageEvent.message === '';
}

module.exports.suppressPongs = suppressPongs;
module.exports.isPing = isPing;
