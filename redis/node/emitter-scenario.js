// Drives a Switchboard node with the official @socket.io/redis-emitter (over the official `redis`
// client) and checks, with official socket.io-client sockets, what each socket receives.
// Env: SB_PORT (Switchboard), REDIS_PORT. Exits non-zero on the first failed check.
"use strict";
const assert = require("node:assert/strict");
const { createClient } = require("redis");
const { Emitter } = require("@socket.io/redis-emitter");
const { io } = require("socket.io-client");

const SB = `http://127.0.0.1:${process.env.SB_PORT}`;
const WAIT_MS = 10000;

function connect(nsp) {
  const socket = io(SB + nsp, { transports: ["websocket"], reconnection: false, forceNew: true });
  socket.received = [];
  socket.onAny((event, ...args) => socket.received.push({ event, args }));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** Resolves with the args of the next `event` on `socket`, or rejects after WAIT_MS. */
function next(socket, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" on ${socket.id}`)), WAIT_MS);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

function events(socket, name) {
  return socket.received.filter((r) => r.event === name);
}

async function main() {
  const redis = createClient({ url: `redis://127.0.0.1:${process.env.REDIS_PORT}` });
  await redis.connect();
  const emitter = new Emitter(redis);

  const a = await connect("/");
  const b = await connect("/");
  const chat = await connect("/chat");

  // 1. emit to the whole namespace, binary included
  let gotA = next(a, "hello");
  let gotB = next(b, "hello");
  emitter.emit("hello", 1, "two", { three: [3] }, Buffer.from([1, 2, 3]));
  for (const args of await Promise.all([gotA, gotB])) {
    assert.equal(args[0], 1);
    assert.equal(args[1], "two");
    assert.deepEqual(args[2], { three: [3] });
    assert.deepEqual([...new Uint8Array(args[3])], [1, 2, 3]);
  }
  console.log("ok namespace emit");

  // 2. socketsJoin, then emit to the room: only the joined socket gets it
  emitter.in(a.id).socketsJoin("room1");
  gotA = next(a, "inRoom");
  emitter.to("room1").emit("inRoom", "x");
  assert.deepEqual(await gotA, ["x"]);
  gotB = next(b, "sync1");
  emitter.emit("sync1");
  await gotB;
  assert.equal(events(b, "inRoom").length, 0, "b is not in room1");
  console.log("ok socketsJoin + room emit");

  // 3. except and several rooms
  emitter.in(b.id).socketsJoin(["room2", "room3"]);
  gotB = next(b, "several");
  emitter.to(["room1", "room2"]).except("room1").emit("several", 2);
  assert.deepEqual(await gotB, [2]);
  gotA = next(a, "sync2");
  emitter.emit("sync2");
  await gotA;
  assert.equal(events(a, "several").length, 0, "a is in the excepted room1");
  console.log("ok except");

  // 4. socketsLeave: the room no longer reaches the socket
  emitter.in("room1").socketsLeave("room1");
  emitter.to("room1").emit("afterLeave");
  gotA = next(a, "sync3");
  emitter.emit("sync3");
  await gotA;
  assert.equal(events(a, "afterLeave").length, 0, "a left room1");
  console.log("ok socketsLeave");

  // 5. another namespace
  const gotChat = next(chat, "chatEvent");
  emitter.of("/chat").emit("chatEvent", { n: 5 });
  assert.deepEqual(await gotChat, [{ n: 5 }]);
  gotA = next(a, "sync4");
  emitter.emit("sync4");
  await gotA;
  assert.equal(events(a, "chatEvent").length, 0, "/ does not get /chat's events");
  console.log("ok other namespace");

  // 6. serverSideEmit reaches the Java handler, which answers through a room broadcast
  gotA = next(a, "serverSideSeen");
  emitter.serverSideEmit("hi-servers", "from-node", 7);
  assert.deepEqual(await gotA, ["from-node", 7]);
  console.log("ok serverSideEmit");

  // 7. disconnectSockets: b (in room2) is disconnected by the server, a stays
  const reason = new Promise((resolve) => b.once("disconnect", resolve));
  emitter.in("room2").disconnectSockets();
  assert.equal(await reason, "io server disconnect");
  gotA = next(a, "sync5");
  emitter.emit("sync5");
  await gotA;
  assert.ok(a.connected, "a is still connected");
  console.log("ok disconnectSockets");

  a.close();
  chat.close();
  await redis.quit();
  console.log("scenario complete");
}

main().catch((err) => {
  console.error("FAILED:", err && err.stack ? err.stack : err);
  process.exit(1);
});
