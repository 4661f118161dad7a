'use strict';

// Server-Sent Events with the npm `eventsource` package (a WHATWG EventSource for Node) against the
// Switchboard fixture of SseInteropTest: SSE at /sse, the publish API with key API_KEY, JWTs signed
// with SECRET (HS256), and a SUBSCRIBE middleware that blocks channels starting with "forbidden.".

const test = require('node:test');
const assert = require('node:assert/strict');
const jwt = require('jsonwebtoken');

const BASE = `http://${process.env.SB_HOST || '127.0.0.1'}:${process.env.SB_PORT || '8000'}`;
const API_KEY = 'sse-interop-api-key-0123456789';
const SECRET = 'sse-interop-secret-0123456789abcdef';
const WAIT = 5000;

// eventsource 5 is an ES module.
const load = import('eventsource').then((m) => m.EventSource);

// The next `type` event of `es`, or a rejection after WAIT.
function next(es, type) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${type}' event within ${WAIT} ms`)), WAIT);
    es.addEventListener(type, (event) => {
      clearTimeout(timer);
      resolve(event);
    }, {once: true});
  });
}

async function publish(channel, data) {
  const res = await fetch(`${BASE}/api/publish`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Api-Key': API_KEY},
    body: JSON.stringify({channel, data})
  });
  assert.equal(res.status, 202);
  assert.deepEqual(await res.json(), {ok: true});
}

// Opens a stream and waits for `open`, which Switchboard sends only once every channel is subscribed.
async function open(query, init) {
  const EventSource = await load;
  const es = new EventSource(`${BASE}/sse${query}`, init);
  await next(es, 'open');
  return es;
}

test('each publication is an event named after its channel, with the JSON as data', {timeout: 15000}, async () => {
  const es = await open('?channel=chat&channel=news');
  try {
    const chat = next(es, 'chat');
    await publish('chat', {text: 'hello'});
    const event = await chat;
    assert.deepEqual(JSON.parse(event.data), {text: 'hello'});
    assert.equal(event.lastEventId, '0');

    const news = next(es, 'news');
    await publish('news', [1, 2]);
    assert.deepEqual(JSON.parse((await news).data), [1, 2]);

    const message = [];
    es.onmessage = (e) => message.push(e.data); // unnamed events only: Switchboard names every event
    const again = next(es, 'chat');
    await publish('chat', 'line one\nline two');
    assert.equal(JSON.parse((await again).data), 'line one\nline two');
    assert.equal((await again).lastEventId, '1');
    assert.deepEqual(message, []);
  } finally {
    es.close();
  }
});

test('a token in the query string or an Authorization header is accepted', {timeout: 15000}, async () => {
  const token = jwt.sign({sub: 'alice'}, SECRET);
  const viaQuery = await open(`?channel=private.alice&token=${token}`);
  const viaHeader = await open('?channel=private.alice', {
    fetch: (input, init) => fetch(input, {...init, headers: {...init.headers, Authorization: `Bearer ${token}`}})
  });
  try {
    const a = next(viaQuery, 'private.alice');
    const b = next(viaHeader, 'private.alice');
    await publish('private.alice', 42);
    assert.equal((await a).data, '42');
    assert.equal((await b).data, '42');
  } finally {
    viaQuery.close();
    viaHeader.close();
  }
});

async function failure(query) {
  const EventSource = await load;
  const es = new EventSource(`${BASE}/sse${query}`);
  const error = await next(es, 'error');
  assert.equal(es.readyState, EventSource.CLOSED); // a non-200 answer is final: no reconnection
  es.close();
  const res = await fetch(`${BASE}/sse${query}`);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  return {error, status: res.status, body: await res.json()};
}

test('a bad token fails the stream with 401 and a JSON body', {timeout: 15000}, async () => {
  const forged = jwt.sign({sub: 'mallory'}, 'not-the-secret-0123456789abcdef');
  const {error, status, body} = await failure(`?channel=chat&token=${forged}`);
  assert.equal(error.code, 401);
  assert.equal(status, 401);
  assert.equal(body.error, 'Unauthorized');
  assert.equal(body.name, 'AuthTokenInvalidError');
});

test('the SUBSCRIBE middleware blocks a channel with 403 and a JSON body', {timeout: 15000}, async () => {
  const {error, status, body} = await failure('?channel=chat&channel=forbidden.secrets');
  assert.equal(error.code, 403);
  assert.equal(status, 403);
  assert.equal(body.error, 'Forbidden');
  assert.equal(body.name, 'ForbiddenChannelError');
  assert.equal(body.channel, 'forbidden.secrets');
});
