// Official clients on two Switchboard nodes that share one Redis: a socketcluster-client on each node
// receives the other's channel publications, and socket.io-client sockets on both nodes share a room
// while a third socket in another room on the second node does not see the room's broadcasts.
// Env: SB_PORT_A, SB_PORT_B. Exits non-zero on the first failed check.
"use strict";
const assert = require("node:assert/strict");
const socketClusterClient = require("socketcluster-client");
const { io } = require("socket.io-client");

const WAIT_MS = 10000;
const PORT_A = Number(process.env.SB_PORT_A);
const PORT_B = Number(process.env.SB_PORT_B);

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The first publication on `channel` for which `match` holds. */
async function firstMatching(channel, match) {
  for await (const data of channel) {
    if (match(data)) return data;
  }
  throw new Error(`channel ${channel.name} ended`);
}

async function subscribed(socket, name) {
  const channel = socket.subscribe(name);
  await within(channel.listener("subscribe").once(), `subscription to ${name}`);
  return channel;
}

function sio(port) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  socket.said = [];
  socket.on("said", (text) => socket.said.push(text));
  return within(new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  }), `socket.io connect to ${port}`);
}

function heard(socket, text) {
  return within(new Promise((resolve) => {
    const check = () => (socket.said.includes(text) ? resolve() : setTimeout(check, 20));
    check();
  }), `"${text}" on ${socket.id}`);
}

async function main() {
  // SocketCluster: one official client per node, publishing both ways.
  const scA = socketClusterClient.create({ hostname: "127.0.0.1", port: PORT_A, autoReconnect: false });
  const scB = socketClusterClient.create({ hostname: "127.0.0.1", port: PORT_B, autoReconnect: false });
  const newsA = await subscribed(scA, "news");
  const newsB = await subscribed(scB, "news");
  const onB = firstMatching(newsB, (d) => d && d.from === "A");
  await scA.invokePublish("news", { from: "A", n: 1 });
  assert.deepEqual(await within(onB, "A's publication on node B"), { from: "A", n: 1 });
  console.log("ok sc A -> B");
  const onA = firstMatching(newsA, (d) => d && d.from === "B");
  scB.transmitPublish("news", { from: "B", n: 2 });
  assert.deepEqual(await within(onA, "B's publication on node A"), { from: "B", n: 2 });
  console.log("ok sc B -> A");

  // Socket.IO: alice on node A and bob on node B in room r1; carol on node B in room r2.
  const alice = await sio(PORT_A);
  const bob = await sio(PORT_B);
  const carol = await sio(PORT_B);
  assert.equal(await alice.timeout(WAIT_MS).emitWithAck("join", "r1"), "joined");
  assert.equal(await bob.timeout(WAIT_MS).emitWithAck("join", "r1"), "joined");
  assert.equal(await carol.timeout(WAIT_MS).emitWithAck("join", "r2"), "joined");
  await bob.timeout(WAIT_MS).emitWithAck("say", "r1", "hello from B");
  await heard(alice, "hello from B");
  await heard(bob, "hello from B");
  await alice.timeout(WAIT_MS).emitWithAck("say", "r1", "hello from A");
  await heard(bob, "hello from A");
  // A later broadcast to r2 from node A reaches carol; by then she would have seen r1's, had they leaked.
  await alice.timeout(WAIT_MS).emitWithAck("say", "r2", "only r2");
  await heard(carol, "only r2");
  assert.deepEqual(carol.said, ["only r2"], "carol (room r2) saw room r1's broadcasts");
  assert.ok(!alice.said.includes("only r2") && !bob.said.includes("only r2"), "r1 members saw room r2's broadcast");
  console.log("ok sio room across nodes");

  for (const s of [alice, bob, carol]) s.disconnect();
  scA.disconnect();
  scB.disconnect();
  console.log("scenario complete");
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
