// A mixed cluster: a Node.js socket.io 4.8.4 server with the official @socket.io/redis-adapter 8.3.0 and a
// Switchboard node share one Redis. Official socket.io-client sockets, one on each server, check that
// broadcasts, room operations, fetchSockets, serverSideEmit and acknowledged broadcasts work both ways.
// Env: SB_PORT (Switchboard), REDIS_PORT. Exits non-zero on the first failed check.
"use strict";
const assert = require("node:assert/strict");
const http = require("node:http");
const { createClient } = require("redis");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { io: connectClient } = require("socket.io-client");

const WAIT_MS = 10000;

function connect(port) {
  const socket = connectClient(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  socket.received = [];
  socket.onAny((event) => socket.received.push(event));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

function next(socket, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" on ${socket.id}`)), WAIT_MS);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

async function main() {
  const pub = createClient({ url: `redis://127.0.0.1:${process.env.REDIS_PORT}` });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pub, sub, { requestsTimeout: 5000, publishOnSpecificResponseChannel: true }) });
  const fromJavaServer = [];
  io.on("fromJavaServer", (...args) => fromJavaServer.push(args));
  io.on("who", (ack) => ack("node"));
  await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const nodePort = httpServer.address().port;
  // both servers listen on the request channel before anything is asked
  while ((await io.of("/").adapter.serverCount()) < 2) {
    await new Promise((r) => setTimeout(r, 50));
  }

  const onNode = await connect(nodePort);
  const onJava = await connect(process.env.SB_PORT);
  for (const s of [onNode, onJava]) {
    s.on("q", (n, ack) => ack(`${s === onNode ? "node" : "java"}-client:${n}`));
  }

  // 1. a broadcast made on the Node server reaches the Switchboard node's socket, binary included
  let gotJava = next(onJava, "fromNode");
  io.emit("fromNode", 1, Buffer.from([5, 6]));
  const args = await gotJava;
  assert.equal(args[0], 1);
  assert.deepEqual([...new Uint8Array(args[1])], [5, 6]);
  console.log("ok node -> switchboard broadcast");

  // 2. socketsJoin from Node, then a room broadcast: only the Switchboard socket is in the room
  io.in(onJava.id).socketsJoin("mixed");
  gotJava = next(onJava, "mixedRoom");
  io.to("mixed").emit("mixedRoom", "r");
  assert.deepEqual(await gotJava, ["r"]);
  console.log("ok node socketsJoin + room broadcast");

  // 3. fetchSockets on Node sees the Switchboard socket with its rooms and data
  const sockets = await io.fetchSockets();
  const javaSocket = sockets.find((s) => s.id === onJava.id);
  assert.ok(javaSocket, `the Switchboard socket is among ${sockets.map((s) => s.id)}`);
  assert.equal(sockets.length, 2);
  assert.ok(javaSocket.rooms.has("mixed"));
  assert.equal(javaSocket.data.lang, "java");
  assert.equal(typeof javaSocket.handshake.address, "string");
  console.log("ok node fetchSockets");

  // 4. serverSideEmitWithAck from Node: the Switchboard node answers
  assert.deepEqual(await io.serverSideEmitWithAck("who"), ["java"]);
  console.log("ok node serverSideEmitWithAck");

  // 5. a broadcast with acks from Node collects the Switchboard client's answer too
  const replies = await io.timeout(5000).emitWithAck("q", 1);
  assert.deepEqual([...replies].sort(), ["java-client:1", "node-client:1"]);
  console.log("ok node emitWithAck across nodes");

  // 6. the Switchboard node's broadcast, fetchSockets, serverSideEmit and emitWithAck reach Node
  const gotNode = next(onNode, "fromJava");
  const counted = await onJava.timeout(WAIT_MS).emitWithAck("javaDoesItAll");
  assert.deepEqual(await gotNode, ["hi"]);
  assert.deepEqual(counted, { sockets: 2, acks: ["java-client:2", "node-client:2"] });
  while (fromJavaServer.length === 0) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(fromJavaServer, [[5]]);
  console.log("ok switchboard -> node");

  // 7. disconnectSockets from Node disconnects the Switchboard socket
  const reason = new Promise((resolve) => onJava.once("disconnect", resolve));
  io.in("mixed").disconnectSockets();
  assert.equal(await reason, "io server disconnect");
  assert.ok(onNode.connected);
  console.log("ok node disconnectSockets");

  onNode.close();
  io.close();
  await Promise.all([pub.quit(), sub.quit()]).catch(() => {});
  console.log("scenario complete");
}

main().catch((err) => {
  console.error("FAILED:", err && err.stack ? err.stack : err);
  process.exit(1);
});
