#!/usr/bin/env node
'use strict';

// Reference implementation of the Switchboard Socket.IO interop fixture contract, built on the real
// socket.io 4.8.4 server (Engine.IO v4 / Socket.IO v5). The Java fixture
// (dev.switchboard.interop.fixture.SioFixtureApp) implements the same contract; the scenarios in
// sio-test/*.test.js must pass against both. The contract table is in interop/README.md.
//
//   node sio-reference-server.js --port P [--ping-interval MS] [--ping-timeout MS]
//                                [--connect-timeout MS] [--exit-on-stdin-close]
//
// Prints "LISTENING <port>" on stdout once the port accepts connections (--port 0 picks a free
// port) and again after each `restart`; diagnostics go to stderr. Exits on SIGTERM/SIGINT, and with
// --exit-on-stdin-close also when stdin reaches EOF (the JUnit harness keeps a pipe open, so the
// fixture never outlives a JVM that died without closing it).

const http = require('http');
const {Server} = require('socket.io');

function parseArgs(argv) {
  const opts = {
    port: 0, pingInterval: 25000, pingTimeout: 20000, connectTimeout: 45000, exitOnStdinClose: false
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value == null || !/^\d+$/.test(value)) {
        throw new Error(`Option ${arg} needs a non-negative integer value`);
      }
      return Number(value);
    };
    switch (arg) {
      case '--port': opts.port = next(); break;
      case '--ping-interval': opts.pingInterval = next(); break;
      case '--ping-timeout': opts.pingTimeout = next(); break;
      case '--connect-timeout': opts.connectTimeout = next(); break;
      case '--exit-on-stdin-close': opts.exitOnStdinClose = true; break;
      default: throw new Error(`Unknown option ${arg}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
// `restart`: the ack goes out first; ~200 ms later the server closes (clients see "transport
// close"), ~500 ms after that it listens again on the same port with fresh state.
const RESTART_CLOSE_DELAY = 200;
const RESTART_LISTEN_DELAY = 500;
// Kept per process (not per restart) so that a scenario can look up a socket it disconnected.
const DISCONNECTING_HISTORY = 200;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let current = null;

// Splits the ack callback (if any) off the event arguments.
function splitAck(args) {
  if (args.length && typeof args[args.length - 1] === 'function') {
    return {args: args.slice(0, -1), cb: args[args.length - 1], hasAck: true};
  }
  return {args, cb: () => {}, hasAck: false};
}

// Registers `handler(cb, ...args)`; `cb` is the client's ack callback or a no-op when there is none.
function on(socket, event, handler) {
  socket.on(event, (...raw) => {
    const {args, cb} = splitAck(raw);
    // Synchronous call: handlers run in packet order, exactly like plain socket.on handlers.
    try {
      const result = handler(cb, ...args);
      if (result && typeof result.catch === 'function') {
        result.catch((err) => log(`handler ${event} failed: ${err && err.stack || err}`));
      }
    } catch (err) {
      log(`handler ${event} failed: ${err && err.stack || err}`);
    }
  });
}

function errorWithData(message, data) {
  const err = new Error(message);
  err.data = data;
  return err;
}

function startServer(port) {
  return new Promise((resolve, reject) => {
    const httpServer = http.createServer();
    const io = new Server(httpServer, {
      path: '/socket.io/',
      transports: ['polling', 'websocket'],
      maxHttpBufferSize: 1e6,
      cors: {origin: true, credentials: true},
      pingInterval: opts.pingInterval,
      pingTimeout: opts.pingTimeout,
      connectTimeout: opts.connectTimeout,
      serveClient: false
    });
    const instance = {httpServer, io, closed: false, adapterEvents: []};

    io.engine.on('connection_error', (err) => {
      log(`engine connection_error ${err.code} ${err.message}`);
    });

    setUpMainNamespace(instance);
    setUpAdminNamespace(io);
    setUpDynamicNamespaces(io);

    httpServer.once('error', reject);
    httpServer.listen(port, () => {
      httpServer.removeListener('error', reject);
      resolve(instance);
    });
  });
}

// Last `disconnecting` records, newest last: {id, rooms, reason}.
const disconnectingHistory = [];

function setUpMainNamespace(instance) {
  const {io} = instance;
  const main = io.of('/');

  // Adapter events of the main namespace, as "create-room:<room>", "delete-room:<room>",
  // "join-room:<room>:<id>", "leave-room:<room>:<id>"; drained by `adapterEvents`.
  const adapter = main.adapter;
  adapter.on('create-room', (room) => instance.adapterEvents.push(`create-room:${room}`));
  adapter.on('delete-room', (room) => instance.adapterEvents.push(`delete-room:${room}`));
  adapter.on('join-room', (room, id) => instance.adapterEvents.push(`join-room:${room}:${id}`));
  adapter.on('leave-room', (room, id) => instance.adapterEvents.push(`leave-room:${room}:${id}`));

  io.use((socket, next) => {
    if (socket.handshake.auth && socket.handshake.auth.token === 'bad') {
      next(errorWithData('not authorized', {reason: 'bad token'}));
      return;
    }
    next();
  });

  io.on('connection', (socket) => {
    socket.data.name = (socket.handshake.auth && socket.handshake.auth.name) || null;

    // Every incoming event (name + arguments without the ack callback), in order.
    const incoming = [];
    socket.onAny((event, ...raw) => {
      const {args, hasAck} = splitAck(raw);
      incoming.push({event, args, withAck: hasAck});
      if (incoming.length > 100) incoming.shift();
    });
    // Every outgoing event name (socket.emit and broadcasts reaching this socket), in order.
    const outgoing = [];
    socket.onAnyOutgoing((event) => {
      outgoing.push(event);
      if (outgoing.length > 100) outgoing.shift();
    });

    socket.on('disconnecting', (reason) => {
      disconnectingHistory.push({id: socket.id, rooms: [...socket.rooms], reason});
      if (disconnectingHistory.length > DISCONNECTING_HISTORY) disconnectingHistory.shift();
    });

    socket.on('echo', (...raw) => {
      const {args, cb, hasAck} = splitAck(raw);
      if (hasAck) cb(...args);
      else socket.emit('echo', ...args);
    });
    on(socket, 'join', (cb, room) => {
      socket.join(room);
      cb();
    });
    on(socket, 'leave', (cb, room) => {
      socket.leave(room);
      cb();
    });
    on(socket, 'rooms', (cb) => cb([...socket.rooms]));

    on(socket, 'emitTo', (cb, {rooms, except, event, data}) => {
      io.to(rooms).except(except || []).emit(event, data);
      cb();
    });
    on(socket, 'emitIn', (cb, {rooms, event, data}) => {
      io.in(rooms).emit(event, data);
      cb();
    });
    on(socket, 'emitFromSocket', (cb, {rooms, event, data}) => {
      socket.to(rooms).emit(event, data);
      cb();
    });
    on(socket, 'broadcast', (cb, {event, data}) => {
      socket.broadcast.emit(event, data);
      cb();
    });
    on(socket, 'emitAll', (cb, {event, data}) => {
      io.emit(event, data);
      cb();
    });
    on(socket, 'emitLocal', (cb, {event, data}) => {
      io.local.emit(event, data);
      cb();
    });
    on(socket, 'emitVolatile', (cb, {event, data}) => {
      io.volatile.emit(event, data);
      cb();
    });
    on(socket, 'emitCompressOff', (cb, {event, data}) => {
      socket.compress(false).emit(event, data);
      cb();
    });
    on(socket, 'emitToId', (cb, {id, event, data}) => {
      io.to(id).emit(event, data);
      cb();
    });
    on(socket, 'emitToNamespace', (cb, {nsp, room, event, data}) => {
      const target = room == null ? io.of(nsp) : io.of(nsp).to(room);
      target.emit(event, data);
      cb();
    });
    on(socket, 'collect', (cb, {rooms, event, data, timeout}) => {
      io.to(rooms).timeout(timeout).emit(event, data, (err, responses) => {
        cb({err: err ? err.message : null, responses});
      });
    });
    on(socket, 'ask', (cb, {event, data, timeout}) => {
      socket.timeout(timeout).emit(event, data, (err, answer) => {
        cb({err: err ? err.message : null, answer: answer === undefined ? null : answer});
      });
    });
    on(socket, 'askWithAck', async (cb, {event, data, timeout}) => {
      try {
        const answer = await socket.timeout(timeout).emitWithAck(event, data);
        cb({err: null, answer: answer === undefined ? null : answer});
      } catch (err) {
        cb({err: err.message, answer: null});
      }
    });
    on(socket, 'binary', (cb) => cb(Buffer.from([1, 2, 3]), {nested: Buffer.from('hi')}));
    socket.on('binaryEcho', (...raw) => {
      const {args, cb} = splitAck(raw);
      cb(...args);
    });

    on(socket, 'fetchSockets', async (cb, {room} = {}) => {
      const sockets = room == null ? await io.fetchSockets() : await io.in(room).fetchSockets();
      cb(sockets.map((s) => ({id: s.id, rooms: [...s.rooms], data: s.data})));
    });
    on(socket, 'socketsJoin', (cb, {target, room}) => {
      io.in(target).socketsJoin(room);
      cb();
    });
    on(socket, 'socketsLeave', (cb, {target, room}) => {
      io.in(target).socketsLeave(room);
      cb();
    });
    on(socket, 'disconnectSockets', (cb, {target, close}) => {
      cb();
      io.in(target).disconnectSockets(Boolean(close));
    });
    on(socket, 'disconnectMe', (cb, close) => {
      cb();
      socket.disconnect(Boolean(close));
    });

    on(socket, 'lastAny', (cb) => {
      // incoming[last] is this very `lastAny` event (onAny runs before the handler).
      const previous = incoming.length >= 2 ? incoming[incoming.length - 2] : null;
      cb(previous);
    });
    on(socket, 'outgoingSeen', (cb) => cb(outgoing.slice()));
    on(socket, 'emitReserved', (cb) => {
      try {
        socket.emit('disconnecting');
        cb(null);
      } catch (err) {
        cb(err.message);
      }
    });
    on(socket, 'adapterEvents', (cb) => {
      const events = instance.adapterEvents.splice(0);
      cb(events);
    });
    on(socket, 'lastDisconnecting', (cb, id) => {
      if (id == null) {
        cb(disconnectingHistory.length ? disconnectingHistory[disconnectingHistory.length - 1] : null);
      } else {
        const found = disconnectingHistory.filter((r) => r.id === id);
        cb(found.length ? found[found.length - 1] : null);
      }
    });
    on(socket, 'restart', (cb) => {
      cb();
      setTimeout(() => restart(instance), RESTART_CLOSE_DELAY);
    });
  });
}

function setUpAdminNamespace(io) {
  const admin = io.of('/admin');
  admin.use((socket, next) => {
    const role = socket.handshake.auth && socket.handshake.auth.role;
    if (role !== 'admin') {
      next(errorWithData('admins only', {role: role == null ? null : role}));
      return;
    }
    next();
  });
  admin.on('connection', (socket) => {
    installEcho(socket);
    on(socket, 'whoami', (cb) => cb(socket.nsp.name));
  });
}

function setUpDynamicNamespaces(io) {
  io.of(/^\/dyn-\d+$/).on('connection', (socket) => {
    installEcho(socket);
    on(socket, 'whoami', (cb) => cb(socket.nsp.name));
    on(socket, 'join', (cb, room) => {
      socket.join(room);
      cb();
    });
  });
  io.of((name, auth, next) => next(null, name.startsWith('/fn-'))).on('connection', (socket) => {
    on(socket, 'whoami', (cb) => cb(socket.nsp.name));
  });
}

function installEcho(socket) {
  socket.on('echo', (...raw) => {
    const {args, cb, hasAck} = splitAck(raw);
    if (hasAck) cb(...args);
    else socket.emit('echo', ...args);
  });
}

async function closeInstance(instance) {
  if (instance.closed) return;
  instance.closed = true;
  // Every socket gets "server shutting down" on the server side; over WebSocket the clients get a
  // close frame, a pending polling GET is answered with a close packet: "transport close".
  const closed = instance.io.close();
  // Let the close frames / close packets go out, then drop whatever is still open (keep-alive
  // connections would otherwise delay httpServer.close()).
  await wait(100);
  instance.httpServer.closeAllConnections();
  await closed;
}

async function restart(instance) {
  if (instance !== current) return;
  current = null;
  log('restart: closing');
  await closeInstance(instance);
  await wait(RESTART_LISTEN_DELAY);
  current = await startServer(opts.port);
  log('restart: listening again');
  announce();
}

function announce() {
  process.stdout.write(`LISTENING ${opts.port}\n`);
}

function log(message) {
  process.stderr.write(`[sio-reference-server] ${message}\n`);
}

async function shutdown() {
  const instance = current;
  current = null;
  if (instance) {
    await Promise.race([closeInstance(instance), wait(1000)]);
  }
  process.exit(0);
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (opts.exitOnStdinClose) {
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
}

startServer(opts.port).then((instance) => {
  current = instance;
  opts.port = instance.httpServer.address().port;
  announce();
}, (err) => {
  log(`failed to listen on port ${opts.port}: ${err.stack || err}`);
  process.exit(1);
});
