'use strict';

// The client side of the user's seed documents (000/001: consumers; 003: basic usage), run with the
// official socketcluster-client against the Java SeedServer (interop/src/test/.../fixture/SeedServer.java).
// Env: SB_PORT (required), SB_HOST (default 127.0.0.1).

const {test, after} = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const socketClusterClient = require('socketcluster-client');

const HOST = process.env.SB_HOST || '127.0.0.1';
const PORT = Number(process.env.SB_PORT);
const clients = [];
after(() => clients.forEach((c) => c.disconnect()));

function create() {
  const socket = socketClusterClient.create({hostname: HOST, port: PORT, ackTimeout: 3000, autoReconnect: false});
  clients.push(socket);
  return socket;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let firstSocketId;

test('seed 000/003: transmit on connect; the server consumer buffers during its slow setup', {timeout: 15000}, async () => {
  const socket = create();
  // for await (let event of socket.listener('connect')) { socket.transmit('foo', 123); }
  for await (let event of socket.listener('connect')) {
    socket.transmit('foo', 123);
    socket.transmit('customRemoteEvent', 123);
    firstSocketId = event.id;
    break;
  }
  await sleep(1500); // the server's doSomethingWhichTakesAFewSeconds takes 1 s
  const report = await socket.invoke('seedReport');
  assert.deepEqual(report.foo, [123]);
  assert.deepEqual(report.customRemoteEvent, [123]);
});

test('seed 003: RPC customProc answers Success, or BadCustomError', {timeout: 10000}, async () => {
  const socket = create();
  let result = await socket.invoke('customProc', {foo: 'bar'});
  assert.equal(result, 'Success');
  try {
    result = await socket.invoke('customProc', {bad: true});
    assert.fail('should have thrown');
  } catch (error) {
    assert.equal(error.name, 'BadCustomError');
    assert.equal(error.message, 'Server failed to execute the procedure');
  }
});

test('seed 000/003: channels: subscribe, transmitPublish, channel invokePublish, server exchange publishes', {timeout: 10000}, async () => {
  const socket = create();
  const received = [];
  const channel = socket.subscribe('foo');
  (async () => {
    for await (let data of channel) {
      received.push(data);
    }
  })();
  await channel.listener('subscribe').once();
  socket.transmitPublish('foo', 'This is some data');
  await socket.invokePublish('foo', 'This is some more data');
  const fooChannel = socket.channel('foo');
  fooChannel.transmitPublish('channel transmit');
  await fooChannel.invokePublish('channel invoke');
  await socket.invoke('serverPublish');
  const deadline = Date.now() + 5000;
  while (received.length < 6 && Date.now() < deadline) await sleep(20);
  assert.deepEqual(received, ['This is some data', 'This is some more data', 'channel transmit', 'channel invoke',
    'This is some data', 'This is some more data']);
});

test('seed 000: connection consumers A and B both see a socket; after A is killed only B does', {timeout: 15000}, async () => {
  await sleep(1200); // A is killed one second after the first connection
  const late = create();
  const status = await late.listener('connect').once();
  await sleep(200);
  const report = await late.invoke('seedReport');
  assert.ok(report.consumers.includes(`A:${firstSocketId}`), JSON.stringify(report.consumers));
  assert.ok(report.consumers.includes(`B:${firstSocketId}`), JSON.stringify(report.consumers));
  assert.ok(report.consumers.includes(`B:${status.id}`), JSON.stringify(report.consumers));
  assert.ok(!report.consumers.includes(`A:${status.id}`), JSON.stringify(report.consumers));
});

test('seed 003: Switchboard is attached to the app\'s own HTTP server, which still serves its routes', {timeout: 5000}, async () => {
  const body = await new Promise((resolve, reject) => {
    http.get({host: HOST, port: PORT, path: '/hello'}, (res) => {
      let data = '';
      res.on('data', (c) => data += c);
      res.on('end', () => resolve(data));
    }).on('error', reject);
  });
  assert.equal(body, 'hello from the app');
});
