#!/usr/bin/env node
'use strict';

// Reference implementation of the Switchboard interop fixture contract, built on the real
// socketcluster-server 20.0.1. The Java fixture (switchboard) implements the same contract;
// the scenarios in test/*.test.js must pass against both.
//
//   node reference-server.js --port P [--ping-interval MS] [--ping-timeout MS] [--exit-on-stdin-close]
//
// Prints "LISTENING <port>" on stdout once the port accepts connections (--port 0 picks a free
// port) and again after each `restart`; diagnostics go to stderr. Exits on SIGTERM/SIGINT, and with
// --exit-on-stdin-close also when stdin reaches EOF (the JUnit harness keeps a pipe open, so the
// fixture never outlives a JVM that died without closing it).
//
// Contract (see interop/README.md):
//   options: authKey 'testkey', ackTimeout 2000, path '/socketcluster/', pingInterval/pingTimeout
//   procedures: echo, fail, login, whoami, kickMe, serverPublish, serverInvokePublish, restart,
//               disconnectMe; no handler for noHandler
//   receiver foo: consumer created on connection, consumed after 1 s, each item -> transmit fooEcho
//   INBOUND middleware: SUBSCRIBE forbidden* -> ForbiddenChannelError, INVOKE blockedProc ->
//               BlockedProcedureError, anything else allowed.

const http = require('http');
const socketClusterServer = require('socketcluster-server');

function parseArgs(argv) {
  const opts = {port: 0, pingInterval: 8000, pingTimeout: 30000, exitOnStdinClose: false};
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
      case '--exit-on-stdin-close': opts.exitOnStdinClose = true; break;
      default: throw new Error(`Unknown option ${arg}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const RESTART_CLOSE_DELAY = 200;
const RESTART_LISTEN_DELAY = 500;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function namedError(name, message, extra) {
  const err = new Error(message);
  err.name = name;
  return Object.assign(err, extra);
}

let current = null;

function startServer(port) {
  return new Promise((resolve, reject) => {
    const httpServer = http.createServer((req, res) => {
      res.writeHead(501);
      res.end('Not Implemented');
    });
    const agServer = socketClusterServer.attach(httpServer, {
      authKey: 'testkey',
      ackTimeout: 2000,
      pingInterval: opts.pingInterval,
      pingTimeout: opts.pingTimeout,
      path: '/socketcluster/'
    });
    const instance = {httpServer, agServer, closed: false};

    installMiddleware(agServer);
    handleConnections(instance);
    (async () => {
      for await (const {error} of agServer.listener('error')) {
        log(`server error: ${error && error.stack || error}`);
      }
    })();

    httpServer.once('error', reject);
    httpServer.listen(port, () => {
      httpServer.removeListener('error', reject);
      resolve(instance);
    });
  });
}

function installMiddleware(agServer) {
  agServer.setMiddleware(agServer.MIDDLEWARE_INBOUND, async (middlewareStream) => {
    for await (const action of middlewareStream) {
      if (action.type === action.SUBSCRIBE
          && typeof action.channel === 'string' && action.channel.startsWith('forbidden')) {
        action.block(namedError('ForbiddenChannelError', 'Channel is forbidden'));
        continue;
      }
      if (action.type === action.INVOKE && action.procedure === 'blockedProc') {
        action.block(namedError('BlockedProcedureError', 'blocked by middleware'));
        continue;
      }
      action.allow();
    }
  });
}

// Runs `handler(request)` for every invocation of `name` on `socket`; the handler's return value
// becomes the reply, a thrown error becomes the error reply.
function serve(socket, name, handler) {
  (async () => {
    for await (const request of socket.procedure(name)) {
      try {
        request.end(await handler(request.data, request));
      } catch (err) {
        request.error(err);
      }
    }
  })();
}

function handleConnections(instance) {
  const {agServer} = instance;
  (async () => {
    for await (const {socket} of agServer.listener('connection')) {
      // Seed consumer example: the consumer exists (and buffers) from the moment the connection is
      // accepted, but is only read after a simulated slow setup of 1 s. Nothing may be lost.
      const fooConsumer = socket.receiver('foo').createConsumer();
      (async () => {
        await wait(1000);
        for await (const data of fooConsumer) {
          socket.transmit('fooEcho', data);
        }
      })();

      serve(socket, 'echo', (data) => data);
      serve(socket, 'fail', () => {
        throw namedError('BadCustomError', 'This is a bad custom error', {code: 42});
      });
      serve(socket, 'login', async (data) => {
        await socket.setAuthToken({username: data.username});
        return 'ok';
      });
      serve(socket, 'whoami', () => (socket.authToken ? socket.authToken.username : null));
      serve(socket, 'kickMe', (data) => {
        socket.kickOut(data.channel, 'bye');
        return 'ok';
      });
      serve(socket, 'serverPublish', (data) => {
        agServer.exchange.transmitPublish(data.channel, data.data);
        return 'ok';
      });
      serve(socket, 'serverInvokePublish', async (data) => {
        await agServer.exchange.invokePublish(data.channel, data.data);
        return 'ok';
      });
      serve(socket, 'restart', () => {
        setTimeout(() => restart(instance), RESTART_CLOSE_DELAY);
        return 'ok';
      });
      serve(socket, 'disconnectMe', () => {
        setTimeout(() => socket.disconnect(4321, 'bye'), 50);
        return 'ok';
      });
      // No procedure('noHandler'): such invocations are never answered.
    }
  })();
}

async function closeInstance(instance) {
  if (instance.closed) return;
  instance.closed = true;
  const httpClosed = new Promise((resolve) => instance.httpServer.close(() => resolve()));
  // Terminates every connected socket (the clients see an abnormal close, 1006).
  await instance.agServer.close().catch((err) => log(`agServer.close: ${err}`));
  instance.httpServer.closeAllConnections();
  await httpClosed;
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
  process.stderr.write(`[reference-server] ${message}\n`);
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
