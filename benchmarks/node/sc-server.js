'use strict';
// socketcluster-server 20 running the benchmark app with its defaults (perMessageDeflate off, client
// publish allowed): procedures echo and slowEcho (answers after 5 ms without blocking the socket's
// next call), clients publish into channels with #publish. Usage: node --expose-gc sc-server.js <port>
const http = require('http');
const socketClusterServer = require('socketcluster-server');
const { control } = require('./common');

const port = Number(process.argv[2]);
const httpServer = http.createServer();
const agServer = socketClusterServer.attach(httpServer, { perMessageDeflate: false });

(async () => {
  for await (const { socket } of agServer.listener('connection')) {
    (async () => { for await (const req of socket.procedure('echo')) req.end(req.data); })();
    (async () => {
      for await (const req of socket.procedure('slowEcho')) {
        const data = req.data;
        setTimeout(() => req.end(data), 5);
      }
    })();
  }
})();
httpServer.listen(port, '127.0.0.1', () => control(httpServer));
