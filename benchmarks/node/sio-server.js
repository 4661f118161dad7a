'use strict';
// socket.io 4.8 running the benchmark app in its documented best configuration
// (socket.io/docs/v4/performance-tuning): websocket transport only, no per-message deflate or HTTP
// compression, native bufferutil + utf-8-validate (loaded by ws when installed), and the upgrade
// request dropped from each connection to save memory. Usage: node --expose-gc sio-server.js <port>
const http = require('http');
const { Server } = require('socket.io');
const { control } = require('./common');

const port = Number(process.argv[2]);
const httpServer = http.createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
});
io.engine.on('connection', (rawSocket) => { rawSocket.request = null; });
io.on('connection', (socket) => {
  socket.on('join', (room, ack) => { socket.join(room); if (typeof ack === 'function') ack(); });
  socket.on('pub', (room, data) => { io.to(room).emit('m', data); });
  socket.on('echo', (data, ack) => ack(data));
  socket.on('slowEcho', (data, ack) => { setTimeout(() => ack(data), 5); });
});
httpServer.listen(port, '127.0.0.1', () => control(httpServer));
