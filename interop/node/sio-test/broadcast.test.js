'use strict';

// Broadcasting scenarios: every server-side operator of the Socket.IO emit cheatsheet (user seed
// 004), the seed's chat example, adapter room events and the cluster-aware utilities
// (fetchSockets, socketsJoin, socketsLeave, disconnectSockets). Three or more clients each, with
// exact who-receives-what assertions: after an operation, barrier() does an echo round trip on every
// client (the fixture emits before it acks and one connection delivers in order), so anything that
// was going to arrive has arrived, and "nothing received" is a real negative.
//
// Clients of other scenarios may still be connected to the fixture for a moment; assertions only
// look at this scenario's clients, rooms are unique per scenario.

const assert = require('node:assert/strict');
const {
  scenario, connected, nextEvent, call, record, barrier, sleep, uniqueName, uniqueDynNamespace,
  settleTransport
} = require('../lib/sio-harness');

// Connects `names.length` clients on "/" (auth {name}), each recording what it receives.
async function team(c, names, options = {}) {
  const sockets = await Promise.all(names.map((name) => c.connect({auth: {name}, ...options})));
  const byName = {};
  names.forEach((name, i) => {
    byName[name] = sockets[i];
    byName[name].rec = record(sockets[i]);
  });
  return byName;
}

// What each client received for `event`: {name: [[args...], ...]}.
function received(members, event) {
  const out = {};
  for (const [name, socket] of Object.entries(members)) out[name] = socket.rec.events(event);
  return out;
}

async function joinAll(pairs) {
  for (const [socket, rooms] of pairs) {
    for (const room of rooms) await call(socket, 'join', room);
  }
}

// ---------------------------------------------------------------------------------------------
// Emit cheatsheet (server side)

scenario('cheatsheet: socket.broadcast.emit -> everyone in the namespace except the sender', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c']);
  const other = await c.connect({nsp: uniqueDynNamespace()});
  const otherRec = record(other);
  await call(m.a, 'broadcast', {event: 'news', data: 'from a'});
  await barrier(Object.values(m), other);
  assert.deepEqual(received(m, 'news'), {a: [], b: [['from a']], c: [['from a']]});
  assert.deepEqual(otherRec.events('news'), [], 'another namespace gets nothing');
});

scenario('cheatsheet: socket.to(room).emit -> room members except the sender', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c', 'd']);
  const room = uniqueName('room1');
  await joinAll([[m.a, [room]], [m.b, [room]], [m.c, [room]]]);
  await call(m.a, 'emitFromSocket', {rooms: room, event: 'roomMsg', data: {n: 1}});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'roomMsg'), {a: [], b: [[{n: 1}]], c: [[{n: 1}]], d: []});
});

scenario('cheatsheet: socket.to([r1, r2]).emit -> union without duplicates, except the sender', async (t, c) => {
  const m = await team(c, ['s', 'a', 'b', 'c', 'd']);
  const r1 = uniqueName('r1');
  const r2 = uniqueName('r2');
  await joinAll([[m.s, [r1, r2]], [m.a, [r1]], [m.b, [r1, r2]], [m.c, [r2]]]);
  await call(m.s, 'emitFromSocket', {rooms: [r1, r2], event: 'multi', data: 'x'});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'multi'), {s: [], a: [['x']], b: [['x']], c: [['x']], d: []});
});

scenario('cheatsheet: socket.to(socket.id) reaches nobody (not even the sender)', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c']);
  await call(m.a, 'emitFromSocket', {rooms: m.a.id, event: 'self', data: 1});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'self'), {a: [], b: [], c: []});
});

scenario('cheatsheet: io.in(room).emit -> every room member, sender included', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c']);
  const room = uniqueName('room1');
  await joinAll([[m.a, [room]], [m.b, [room]]]);
  await call(m.a, 'emitIn', {rooms: room, event: 'inRoom', data: [1, 2]});
  await call(m.c, 'emitTo', {rooms: [room], event: 'toRoom', data: 'via to'});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'inRoom'), {a: [[[1, 2]]], b: [[[1, 2]]], c: []});
  assert.deepEqual(received(m, 'toRoom'), {a: [['via to']], b: [['via to']], c: []});
});

scenario('cheatsheet: io.to([r1, r2]).except(r3).emit', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c', 'd', 'e']);
  const [r1, r2, r3] = [uniqueName('r1'), uniqueName('r2'), uniqueName('r3')];
  // a: r1 -- b: r2 + r3 (excluded) -- c: r1 + r2 (once) -- d: r3 only -- e: nothing
  await joinAll([[m.a, [r1]], [m.b, [r2, r3]], [m.c, [r1, r2]], [m.d, [r3]]]);
  await call(m.e, 'emitTo', {rooms: [r1, r2], except: [r3], event: 'ex', data: 'hi'});
  // except a single room given as a string works too
  await call(m.e, 'emitTo', {rooms: [r1, r2], except: r1, event: 'ex2', data: 'only r2'});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'ex'), {a: [['hi']], b: [], c: [['hi']], d: [], e: []});
  assert.deepEqual(received(m, 'ex2'), {a: [], b: [['only r2']], c: [], d: [], e: []});
});

scenario('cheatsheet: io.of(nsp).emit -> every client of that namespace only', async (t, c) => {
  const nsp = uniqueDynNamespace();
  const otherNsp = uniqueDynNamespace();
  const m = await team(c, ['main']);
  const x1 = await c.connect({nsp});
  const x2 = await c.connect({nsp});
  const y1 = await c.connect({nsp: otherNsp});
  const recs = {x1: record(x1), x2: record(x2), y1: record(y1)};
  await call(m.main, 'emitToNamespace', {nsp, event: 'nspMsg', data: {to: nsp}});
  await barrier(m.main, x1, x2, y1);
  assert.deepEqual(recs.x1.events('nspMsg'), [[{to: nsp}]]);
  assert.deepEqual(recs.x2.events('nspMsg'), [[{to: nsp}]]);
  assert.deepEqual(recs.y1.events('nspMsg'), []);
  assert.deepEqual(m.main.rec.events('nspMsg'), []);
});

scenario('cheatsheet: io.of(nsp).to(room).emit -> room members of that namespace only', async (t, c) => {
  const nsp = uniqueDynNamespace();
  const otherNsp = uniqueDynNamespace();
  const room = uniqueName('room1');
  const m = await team(c, ['main']);
  const [x1, x2, y1] = await Promise.all([c.connect({nsp}), c.connect({nsp}), c.connect({nsp: otherNsp})]);
  const recs = {x1: record(x1), x2: record(x2), y1: record(y1)};
  await call(x1, 'join', room);
  await call(y1, 'join', room); // same room name, other namespace
  await call(m.main, 'join', room); // same room name, main namespace
  await call(m.main, 'emitToNamespace', {nsp, room, event: 'nspRoomMsg', data: 'r'});
  await barrier(m.main, x1, x2, y1);
  assert.deepEqual(recs.x1.events('nspRoomMsg'), [['r']]);
  assert.deepEqual(recs.x2.events('nspRoomMsg'), []);
  assert.deepEqual(recs.y1.events('nspRoomMsg'), []);
  assert.deepEqual(m.main.rec.events('nspRoomMsg'), []);
});

scenario('cheatsheet: io.to(socketId).emit -> private message to that socket only', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c']);
  await call(m.a, 'emitToId', {id: m.b.id, event: 'dm', data: {from: 'a', text: 'psst'}});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'dm'), {a: [], b: [[{from: 'a', text: 'psst'}]], c: []});
});

scenario('cheatsheet: io.emit and io.local.emit -> every client of "/" exactly once', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c']);
  const other = await c.connect({nsp: uniqueDynNamespace()});
  const otherRec = record(other);
  await call(m.a, 'emitAll', {event: 'everyone', data: 'all'});
  await call(m.b, 'emitLocal', {event: 'everyoneLocal', data: 'local'});
  await barrier(Object.values(m), other);
  assert.deepEqual(received(m, 'everyone'), {a: [['all']], b: [['all']], c: [['all']]});
  assert.deepEqual(received(m, 'everyoneLocal'), {a: [['local']], b: [['local']], c: [['local']]});
  assert.deepEqual(otherRec.items, [], 'io.emit is per namespace');
});

scenario('cheatsheet: io.volatile.emit reaches idle, writable clients', async (t, c) => {
  // Volatile packets are dropped when the transport is not writable at that moment (polling: no
  // GET pending). Idle clients on a settled transport always have one, hence: upgrade finished,
  // then a short pause so every polling client has its next GET parked at the server.
  const m = await team(c, ['a', 'b', 'c'], {awaitUpgrade: true});
  await Promise.all(Object.values(m).map((s) => settleTransport(s, c.mode)));
  await sleep(100);
  await call(m.a, 'emitVolatile', {event: 'vol', data: 'maybe'});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'vol'), {a: [['maybe']], b: [['maybe']], c: [['maybe']]});
});

scenario('cheatsheet: timeout + ack collection -> one response per room member', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c', 'outsider']);
  const room = uniqueName('poll');
  await joinAll([[m.a, [room]], [m.b, [room]], [m.c, [room]]]);
  for (const name of ['a', 'b', 'c', 'outsider']) {
    m[name].on('vote', (data, cb) => cb({voter: name, question: data}));
  }
  const result = await call(m.a, 'collect', {rooms: room, event: 'vote', data: 'lunch?', timeout: 2000});
  assert.equal(result.err, null);
  assert.deepEqual(result.responses.map((r) => r.voter).sort(), ['a', 'b', 'c']);
  assert.ok(result.responses.every((r) => r.question === 'lunch?'));
  await barrier(Object.values(m));
  assert.deepEqual(m.outsider.rec.events('vote'), []);
  // An empty target room: no client to wait for, an empty answer at once.
  assert.deepEqual(await call(m.a, 'collect', {rooms: uniqueName('empty'), event: 'vote', data: 'x', timeout: 2000}),
    {err: null, responses: []});
});

scenario('cheatsheet: timeout + ack collection, one member silent -> timed out, partial responses', async (t, c) => {
  const m = await team(c, ['a', 'b', 'silent']);
  const room = uniqueName('poll');
  await joinAll([[m.a, [room]], [m.b, [room]], [m.silent, [room]]]);
  m.a.on('vote', (data, cb) => cb('yes from a'));
  m.b.on('vote', (data, cb) => cb('yes from b'));
  let silentGotIt = 0;
  m.silent.on('vote', () => {
    silentGotIt++; // never acks
  });
  const started = Date.now();
  const result = await call(m.a, 'collect', {rooms: room, event: 'vote', data: 'q', timeout: 500});
  assert.ok(Date.now() - started >= 450, 'answered before the timeout');
  assert.equal(result.err, 'operation has timed out');
  assert.deepEqual(result.responses.slice().sort(), ['yes from a', 'yes from b']);
  assert.equal(silentGotIt, 1);
});

// ---------------------------------------------------------------------------------------------
// The chat example of seed 004

scenario('chat example: lobby messages, "user is typing" to everyone but the sender', async (t, c) => {
  const m = await team(c, ['alice', 'bob', 'carol']);
  const lobby = uniqueName('lobby');
  await joinAll([[m.alice, [lobby]], [m.bob, [lobby]]]);

  // "typing" goes to everyone except the typist (socket.broadcast.emit).
  await call(m.alice, 'broadcast', {event: 'typing', data: {user: 'alice'}});
  // A chat message from alice to the rest of the lobby (socket.to(room)).
  await call(m.alice, 'emitFromSocket', {rooms: lobby, event: 'chat message', data: {from: 'alice', text: 'hi bob'}});
  // bob answers to the whole lobby, himself included (io.to(room), as the chat example's io.emit).
  await call(m.bob, 'emitTo', {rooms: lobby, event: 'chat message', data: {from: 'bob', text: 'hi all'}});
  // carol, outside, says hello to everybody (io.emit).
  await call(m.carol, 'emitAll', {event: 'chat message', data: {from: 'carol', text: 'anyone?'}});
  await barrier(Object.values(m));

  assert.deepEqual(received(m, 'typing'), {alice: [], bob: [[{user: 'alice'}]], carol: [[{user: 'alice'}]]});
  assert.deepEqual(received(m, 'chat message'), {
    alice: [[{from: 'bob', text: 'hi all'}], [{from: 'carol', text: 'anyone?'}]],
    bob: [[{from: 'alice', text: 'hi bob'}], [{from: 'bob', text: 'hi all'}], [{from: 'carol', text: 'anyone?'}]],
    carol: [[{from: 'carol', text: 'anyone?'}]]
  });
});

// ---------------------------------------------------------------------------------------------
// Adapter events, cluster-aware utilities

// Drains the fixture's adapter event log and keeps the entries about `rooms`/`ids`.
async function adapterEventsAbout(socket, words) {
  const events = await call(socket, 'adapterEvents');
  return events.filter((e) => {
    const [, room, id] = e.split(':');
    return words.includes(room) || (id !== undefined && words.includes(id));
  });
}

scenario('adapter events: create-room, join-room, leave-room, delete-room', async (t, c) => {
  const {ctl} = await team(c, ['ctl']);
  await call(ctl, 'adapterEvents'); // drain
  const a = await c.connect();
  const b = await c.connect();
  const room = uniqueName('room');
  // Connecting joins the socket's own room.
  assert.deepEqual(await adapterEventsAbout(ctl, [a.id, b.id]),
    [`create-room:${a.id}`, `join-room:${a.id}:${a.id}`, `create-room:${b.id}`, `join-room:${b.id}:${b.id}`]);
  await call(a, 'join', room);
  await call(b, 'join', room);
  await call(b, 'join', room); // already in: no event
  await call(a, 'leave', room);
  await call(a, 'leave', room); // not in any more: no event
  assert.deepEqual(await adapterEventsAbout(ctl, [room, a.id, b.id]),
    [`create-room:${room}`, `join-room:${room}:${a.id}`, `join-room:${room}:${b.id}`, `leave-room:${room}:${a.id}`]);
  // Disconnecting leaves every room; empty rooms are deleted.
  const bId = b.id;
  b.disconnect();
  const events = await (async () => {
    const seen = [];
    const deadline = Date.now() + 3000;
    // The fixture records events from its own consumer thread: wait for the last room's deletion too.
    const done = () => seen.includes(`delete-room:${bId}`) && seen.includes(`delete-room:${room}`);
    while (Date.now() < deadline && !done()) {
      seen.push(...await adapterEventsAbout(ctl, [room, bId]));
      if (!done()) await sleep(30);
    }
    return seen;
  })();
  assert.deepEqual(events, [`leave-room:${bId}:${bId}`, `delete-room:${bId}`, `leave-room:${room}:${bId}`, `delete-room:${room}`]);
});

scenario('fetchSockets / socketsJoin / socketsLeave', async (t, c) => {
  const m = await team(c, ['a', 'b', 'c', 'ctl']);
  const [r1, r2] = [uniqueName('r1'), uniqueName('r2')];
  await joinAll([[m.a, [r1]], [m.b, [r1]]]);
  const byId = (list) => list.slice().sort((x, y) => (x.id < y.id ? -1 : 1));

  assert.deepEqual(byId(await call(m.ctl, 'fetchSockets', {room: r1})), byId([
    {id: m.a.id, rooms: [m.a.id, r1], data: {name: 'a'}},
    {id: m.b.id, rooms: [m.b.id, r1], data: {name: 'b'}}
  ]));
  assert.deepEqual(await call(m.ctl, 'fetchSockets', {room: uniqueName('nobody')}), []);

  // Everyone in r1 joins r2; then c joins r2 by its id.
  await call(m.ctl, 'socketsJoin', {target: r1, room: r2});
  await call(m.ctl, 'socketsJoin', {target: m.c.id, room: r2});
  assert.deepEqual(await call(m.a, 'rooms'), [m.a.id, r1, r2]);
  assert.deepEqual(await call(m.c, 'rooms'), [m.c.id, r2]);
  assert.deepEqual((await call(m.ctl, 'fetchSockets', {room: r2})).map((s) => s.id).sort(),
    [m.a.id, m.b.id, m.c.id].sort());

  // Everyone in r2 leaves r1.
  await call(m.ctl, 'socketsLeave', {target: r2, room: r1});
  assert.deepEqual(await call(m.a, 'rooms'), [m.a.id, r2]);
  assert.deepEqual(await call(m.b, 'rooms'), [m.b.id, r2]);
  assert.deepEqual(await call(m.ctl, 'fetchSockets', {room: r1}), []);
  // Room membership drives delivery.
  await call(m.ctl, 'emitTo', {rooms: r2, event: 'r2', data: 1});
  await barrier(Object.values(m));
  assert.deepEqual(received(m, 'r2'), {a: [[1]], b: [[1]], c: [[1]], ctl: []});
});

for (const close of [false, true]) {
  scenario(`disconnectSockets(${close}): the targeted clients get "io server disconnect", others stay`, async (t, c) => {
    const m = await team(c, ['a', 'b', 'ctl']);
    const room = uniqueName('kick');
    await joinAll([[m.a, [room]], [m.b, [room]]]);
    // a's Manager also carries a second namespace: close=true drops the whole connection.
    const second = await connected(c.socket({manager: m.a.io, nsp: uniqueDynNamespace()}));
    const reasons = {
      a: nextEvent(m.a, 'disconnect', 3000, 'a disconnect'),
      b: nextEvent(m.b, 'disconnect', 3000, 'b disconnect')
    };
    const secondReasons = [];
    second.on('disconnect', (reason) => secondReasons.push(reason));
    const secondDisconnected = close ? nextEvent(second, 'disconnect', 3000, 'second namespace disconnect') : null;
    await call(m.ctl, 'disconnectSockets', {target: room, close});
    assert.deepEqual((await reasons.a).slice(0, 1), ['io server disconnect']);
    assert.deepEqual((await reasons.b).slice(0, 1), ['io server disconnect']);
    assert.equal(m.a.active, false, 'no automatic reconnection after a server disconnect');
    if (close) {
      await secondDisconnected;
      assert.deepEqual(secondReasons, ['io server disconnect'], 'close=true disconnects every namespace of the connection');
      assert.equal(second.active, false);
    } else {
      // The second namespace keeps working on the same Engine.IO connection.
      assert.equal(await call(second, 'echo', 'alive'), 'alive');
      assert.deepEqual(secondReasons, [], 'close=false only disconnects the targeted namespace socket');
      assert.equal(second.connected, true);
    }
    assert.equal(m.ctl.connected, true);
    assert.deepEqual(await call(m.ctl, 'fetchSockets', {room}), []);
  });
}
