'use strict';
// Adapter conformance: the official client subscribes to "room" on a running server, then prints every
// broadcast payload it receives ("MSG <payload>") and the result of one echo call ("ECHO <payload>").
// The harness publishes through its raw adapter and checks both receivers saw the same payloads.
// Usage: node validate.js <sc|sio> <port> <count> ; exits after <count> messages or 20 s.
const [kind, portArg, countArg] = process.argv.slice(2);
const port = Number(portArg);
const count = Number(countArg || 3);
let seen = 0;
const done = (code) => { process.stdout.write('DONE\n'); process.exit(code); };
setTimeout(() => done(2), 20000).unref();

function onMessage(payload) {
  process.stdout.write('MSG ' + payload + '\n');
  if (++seen >= count) setTimeout(() => done(0), 50);
}

if (kind === 'sio') {
  const { io } = require('socket.io-client');
  const socket = io('http://127.0.0.1:' + port, { transports: ['websocket'] });
  socket.on('m', onMessage);
  socket.on('connect', async () => {
    await socket.timeout(5000).emitWithAck('join', 'room');
    const echoed = await socket.timeout(5000).emitWithAck('echo', '~official-echo');
    process.stdout.write('ECHO ' + echoed + '\n');
    process.stdout.write('READY\n');
  });
} else {
  const socketClusterClient = require('socketcluster-client');
  const socket = socketClusterClient.create({ hostname: '127.0.0.1', port, autoReconnect: false });
  (async () => {
    const channel = socket.subscribe('room');
    await channel.listener('subscribe').once();
    (async () => { for await (const data of channel) onMessage(data); })();
    const echoed = await socket.invoke('echo', '~official-echo');
    process.stdout.write('ECHO ' + echoed + '\n');
    process.stdout.write('READY\n');
  })().catch((e) => { process.stdout.write('ERROR ' + e.message + '\n'); done(1); });
}
