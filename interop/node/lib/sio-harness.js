'use strict';

// Shared helpers for the Socket.IO interop scenarios (sio-test/*.test.js). Lives outside the test
// directories so that `node --test` does not treat it as a test file.
//
// Environment contract (set by the JUnit runner, or by hand):
//   SB_PORT  (required) port of the fixture server
//   SB_HOST  (optional) host name or address, default 127.0.0.1
// The path is always /socket.io/ (the client default).
//
// Every scenario runs three times, once per transport mode (see scenario()):
//   websocket  transports: ["websocket"]             -- WebSocket only, no polling at all
//   polling    transports: ["polling"]               -- HTTP long-polling only, never upgraded
//   upgrade    client defaults (polling, websocket)  -- opens with polling, then upgrades
// In upgrade mode the scenarios do NOT wait for the upgrade unless they say so, so traffic also
// flows while the probe is in progress.

const {after, test} = require('node:test');
const {Manager} = require('socket.io-client');

const HOST = process.env.SB_HOST || '127.0.0.1';
const PORT = Number(process.env.SB_PORT);
if (!Number.isInteger(PORT) || PORT <= 0) {
  throw new Error('SB_PORT must be set to the port of a running fixture server '
    + '(e.g. SB_PORT=8000 node --test sio-test/core.test.js)');
}
const URL = `http://${HOST}:${PORT}`;

const MODES = ['websocket', 'polling', 'upgrade'];
const DEFAULT_TEST_TIMEOUT = 10000;
const CALL_TIMEOUT = 5000;

function transportOptions(mode) {
  switch (mode) {
    case 'websocket': return {transports: ['websocket']};
    case 'polling': return {transports: ['polling']};
    case 'upgrade': return {}; // the client default: ["polling", "websocket"] + upgrade
    default: throw new Error(`unknown transport mode ${mode}`);
  }
}

// Every Manager created in this process; closed after each test and at the end of the file so
// that a failed test never keeps the process alive with a reconnecting client.
const liveManagers = new Set();

after(() => {
  for (const manager of liveManagers) closeManager(manager);
});

function closeManager(manager) {
  liveManagers.delete(manager);
  try {
    manager.reconnection(false);
    for (const socket of Object.values(manager.nsps)) {
      socket.disconnect();
    }
    if (manager.engine) manager.engine.close();
  } catch (err) {
    // Already closed.
  }
}

// Registers one node:test test per transport mode, named "[<mode>] <name>". The body gets
// (t, clients) where clients is a Clients bound to the mode (closed when the test ends).
function scenario(name, body, {timeout = DEFAULT_TEST_TIMEOUT, modes = MODES} = {}) {
  for (const mode of modes) {
    test(`[${mode}] ${name}`, {timeout}, async (t) => {
      const clients = new Clients(t, mode);
      try {
        await body(t, clients);
      } finally {
        clients.closeAll();
      }
    });
  }
}

class Clients {
  constructor(t, mode) {
    this.t = t;
    this.mode = mode;
    this.managers = new Set();
  }

  // A Manager (one Engine.IO connection) that is not opened yet. Reconnection is off unless
  // options say otherwise.
  manager(options = {}) {
    const manager = new Manager(URL, {
      path: '/socket.io/',
      autoConnect: false,
      reconnection: false,
      timeout: 5000,
      ...transportOptions(this.mode),
      ...options
    });
    this.managers.add(manager);
    liveManagers.add(manager);
    return manager;
  }

  // A socket for `nsp` that is not connected yet (attach listeners, then socket.connect()).
  socket({nsp = '/', auth, manager, managerOptions, socketOptions} = {}) {
    const m = manager || this.manager(managerOptions);
    const opts = {...socketOptions};
    if (auth !== undefined) opts.auth = auth;
    return m.socket(nsp, opts);
  }

  // Connects a socket and resolves with it once `connect` fired; rejects with the connect_error.
  async connect(options = {}) {
    const socket = this.socket(options);
    await connected(socket, options.timeout);
    if (options.awaitUpgrade) await settleTransport(socket, this.mode);
    return socket;
  }

  // Connects `count` sockets (each on its own Manager) in parallel.
  connectMany(count, options = {}) {
    return Promise.all(Array.from({length: count}, (_, i) => this.connect(
      typeof options === 'function' ? options(i) : options)));
  }

  // Resolves with the connect_error of a socket that must be refused.
  async connectError(options = {}) {
    const socket = this.socket(options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no connect_error within 5000 ms')), 5000);
      socket.once('connect', () => {
        clearTimeout(timer);
        reject(new Error(`connected to ${socket.nsp} although a connect_error was expected`));
      });
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        resolve({socket, err});
      });
      socket.connect();
    });
  }

  closeAll() {
    for (const manager of this.managers) closeManager(manager);
    this.managers.clear();
  }
}

function connected(socket, timeout = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`socket ${socket.nsp} did not connect within ${timeout} ms`));
    }, timeout);
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (err) => {
      cleanup();
      reject(Object.assign(new Error(`connect_error on ${socket.nsp}: ${err && err.message}`), {cause: err}));
    };
    function cleanup() {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    }
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    if (!socket.connected && !socket.active) socket.connect();
    else if (socket.connected) onConnect();
  });
}

// In upgrade mode: resolves once the Engine.IO connection has been upgraded to WebSocket (returns
// the transport name). Other modes: the transport name at once.
function settleTransport(socket, mode, timeout = 5000) {
  const engine = socket.io.engine;
  if (mode !== 'upgrade' || engine.transport.name === 'websocket') {
    return Promise.resolve(engine.transport.name);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no upgrade within ${timeout} ms`)), timeout);
    engine.once('upgrade', (transport) => {
      clearTimeout(timer);
      resolve(transport.name);
    });
  });
}

// Next occurrence of `event` on an emitter (socket, manager, engine); resolves with the array of
// its arguments.
function nextEvent(emitter, event, timeout = 5000, label = event) {
  return new Promise((resolve, reject) => {
    const listener = (...args) => {
      clearTimeout(timer);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`Timed out after ${timeout} ms waiting for ${label}`));
    }, timeout);
    emitter.once(event, listener);
  });
}

// Calls a fixture handler with an ack and resolves with the FIRST ack argument.
function call(socket, event, ...args) {
  return socket.timeout(CALL_TIMEOUT).emitWithAck(event, ...args);
}

// Calls a fixture handler and resolves with ALL ack arguments (as an array).
function callAll(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(CALL_TIMEOUT).emit(event, ...args, (err, ...answer) => {
      if (err) reject(new Error(`${event}: ${err.message}`));
      else resolve(answer);
    });
  });
}

// Records every event a socket receives ({event, args}), in order.
function record(socket) {
  const items = [];
  const listener = (event, ...args) => items.push({event, args});
  socket.onAny(listener);
  return {
    items,
    events: (name) => items.filter((i) => i.event === name).map((i) => i.args),
    stop: () => socket.offAny(listener)
  };
}

// Per-connection barrier: an echo round trip on each socket. The fixture emits before it acks, and
// one connection delivers in order, so once this resolves everything the fixture emitted to these
// sockets before has arrived.
function barrier(...sockets) {
  return Promise.all(sockets.flat().map((s) => call(s, 'echo', 'barrier')));
}

// Polls `fn` until it returns a non-null value.
async function eventually(fn, {timeout = 3000, interval = 30, label = 'condition'} = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value != null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${label}`);
    await sleep(interval);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function uniqueName(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

// A namespace name matching the fixture's dynamic namespace /^\/dyn-\d+$/, unique per call.
let dynCounter = 0;
function uniqueDynNamespace() {
  return `/dyn-${process.pid}${Date.now() % 1e6}${++dynCounter}`;
}

module.exports = {
  HOST,
  PORT,
  URL,
  MODES,
  Manager,
  scenario,
  Clients,
  connected,
  settleTransport,
  nextEvent,
  call,
  callAll,
  record,
  barrier,
  eventually,
  sleep,
  uniqueName,
  uniqueDynNamespace,
  transportOptions
};
