'use strict';

// The standalone server's demo pages (chat.html, jobs.html, sc.html) in a real headless Chromium:
// Debian's chromium driven by playwright-core (no Playwright-downloaded browser). Run by
// dev.switchboard.interop.BrowserDemoPagesTest against a standalone server process.
// Env: SB_PORT (required), SB_HOST (default 127.0.0.1), SB_CHROMIUM (default: chromium on the PATH),
// SB_ARTIFACTS (screenshots; default interop/artifacts/browser).

const {test, before, after} = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {chromium} = require('playwright-core');

const HOST = process.env.SB_HOST || '127.0.0.1';
const PORT = Number(process.env.SB_PORT);
const BASE = `http://${HOST}:${PORT}`;
const ARTIFACTS = process.env.SB_ARTIFACTS || path.join(__dirname, '..', '..', 'artifacts', 'browser');
// Generous: Chromium shares two cores with the build.
const WAIT = 20_000;

let browser;

function chromiumExecutable() {
  if (process.env.SB_CHROMIUM) return process.env.SB_CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, 'chromium');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium is not installed: the browser test needs Debian\'s chromium package '
    + '(scripts/ensure-chromium.sh installs it; as root: apt-get install chromium).');
}

before(async () => {
  assert.ok(PORT > 0, 'SB_PORT must name the port of a running standalone server');
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  // --no-sandbox: the suite runs as root in CI, where Chromium refuses its sandbox.
  browser = await chromium.launch({executablePath: chromiumExecutable(), headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'], timeout: 60_000});
});

after(async () => {
  if (browser) await browser.close();
});

/**
 * A page in its own browser context (own cookies, own connections); page.errors collects script errors.
 * beforeLoad(page) runs before navigation, to see every request and WebSocket.
 */
async function openPage(file, beforeLoad = () => {}) {
  const context = await browser.newContext({viewport: {width: 1000, height: 700}});
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  beforeLoad(page);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('response', (res) => { if (res.status() >= 400) page.errors.push(res.status() + ' ' + res.url()); });
  const response = await page.goto(BASE + '/' + file);
  assert.equal(response.status(), 200);
  return page;
}

async function screenshot(page, name) {
  await page.screenshot({path: path.join(ARTIFACTS, name + '.png'), fullPage: true});
}

async function waitForText(page, selector, text) {
  await page.locator(selector).filter({hasText: text}).first().waitFor();
}

const messages = (page) => page.locator('#messages li').allTextContents();

/** Records every text #typing shows, so that a short-lived "is typing" cannot be missed. */
async function recordTyping(page) {
  await page.evaluate(() => {
    const typing = document.getElementById('typing');
    window.typingSeen = [];
    new MutationObserver(() => { if (typing.textContent) window.typingSeen.push(typing.textContent); })
      .observe(typing, {childList: true, characterData: true, subtree: true});
  });
}

const typingSeen = (page) => page.evaluate(() => window.typingSeen);

/** Waits until #typing has shown `text` (it clears itself 1.5 s after the last keystroke). */
async function waitForTyping(page, text) {
  await page.waitForFunction((t) => window.typingSeen.some((seen) => seen.includes(t)), text);
}

/** chat.html, connected and upgraded from long-polling to a WebSocket as socket.io-client does by default. */
async function openChat() {
  const page = await openPage('chat.html');
  await waitForText(page, '#status', 'connected (websocket)');
  return page;
}

async function joinChat(page, name, room) {
  await page.fill('#name', name);
  await page.fill('#room', room);
  await page.click('#join');
  await waitForText(page, '#messages li', 'you joined ' + room);
  assert.equal(await page.textContent('#rooms'), room);
  await recordTyping(page);
}

test('chat.html: a message typed in one context reaches the same room, not another room', {timeout: 90_000}, async () => {
  const [alice, bob, carol] = await Promise.all([openChat(), openChat(), openChat()]);
  await joinChat(alice, 'alice', 'room-1');
  await joinChat(bob, 'bob', 'room-1');
  await joinChat(carol, 'carol', 'room-2');
  await waitForText(alice, '#messages li', 'a user joined room-1'); // bob's join, told to the room

  // Typed key by key, as a user does: every keystroke tells the room "alice is typing".
  await alice.locator('#input').pressSequentially('hello room 1');
  await waitForTyping(bob, 'alice is typing');
  await alice.press('#input', 'Enter');
  await waitForText(bob, '#messages li', 'alice: hello room 1');
  await waitForText(alice, '#messages li', 'alice: hello room 1'); // the room includes the sender

  // carol's own message makes a round trip through the server after alice's message was delivered to
  // bob: anything of alice's for carol would have arrived before it, on carol's one connection.
  await carol.locator('#input').pressSequentially('hello room 2');
  await carol.press('#input', 'Enter');
  await waitForText(carol, '#messages li', 'carol: hello room 2');

  assert.ok(!(await messages(carol)).some((m) => m.includes('alice')), 'carol saw room-1 chat: ' + await messages(carol));
  assert.ok(!(await messages(alice)).some((m) => m.includes('carol')), 'alice saw room-2 chat');
  assert.ok(!(await messages(bob)).some((m) => m.includes('carol')), 'bob saw room-2 chat');
  assert.ok(!(await typingSeen(carol)).some((t) => t.includes('alice')), 'carol saw room-1 typing');
  assert.ok(!(await typingSeen(alice)).some((t) => t.includes('alice')), 'the sender saw its own typing');
  assert.ok(!(await typingSeen(bob)).some((t) => t.includes('carol')), 'bob saw room-2 typing');

  await screenshot(alice, 'chat-alice');
  await screenshot(bob, 'chat-bob');
  await screenshot(carol, 'chat-carol');
  for (const page of [alice, bob, carol]) assert.deepEqual(page.errors, []);
  await Promise.all([alice, bob, carol].map((page) => page.context().close()));
});

test('jobs.html: one job, three progress bars (WebSocket channel, SSE, Engine.IO long-polling) reach 100 %', {timeout: 90_000}, async () => {
  const webSockets = [];
  const requests = [];
  // The page passes its query to POST /demo/jobs: a faster job than the demo's default (10 steps of 500 ms).
  const page = await openPage('jobs.html?stepMillis=200&delayMillis=1500', (p) => {
    p.on('websocket', (ws) => webSockets.push(new URL(ws.url()).pathname));
    p.on('request', (req) => requests.push(req.method() + ' ' + req.url()));
  });
  await waitForText(page, '#ws-state', 'connected');
  await waitForText(page, '#poll-state', 'connected (polling)');

  await page.click('#start'); // POST /demo/jobs, then subscribe three ways
  await waitForText(page, '#channel', 'job.');
  for (const way of ['ws', 'sse', 'poll']) {
    await page.waitForFunction((id) => document.getElementById(id).value === 100, way, {timeout: 45_000});
    assert.equal(await page.textContent('#' + way + '-v'), '100%');
  }
  await waitForText(page, '#state', 'done');
  await screenshot(page, 'jobs');

  const channel = await page.textContent('#channel');
  assert.ok(requests.includes('POST ' + BASE + '/demo/jobs?stepMillis=200&delayMillis=1500'), 'the job was submitted over HTTP');
  assert.ok(requests.some((r) => r.startsWith('GET ' + BASE + '/sse?channel=' + encodeURIComponent(channel))),
    'an EventSource streamed the job: ' + requests.join('\n'));
  assert.ok(requests.some((r) => r.includes('/socket.io/?EIO=4&transport=polling')), 'Socket.IO polled');
  assert.deepEqual(webSockets, ['/socketcluster/'], 'one WebSocket, SocketCluster\'s; Socket.IO stays on long-polling');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('sc.html: RPC echo, RPC with a custom error, and channel publish/subscribe between two pages', {timeout: 90_000}, async () => {
  const first = await openPage('sc.html');
  const second = await openPage('sc.html');
  for (const page of [first, second]) {
    await waitForText(page, '#status', 'connected, id ');
    await waitForText(page, '#chat-state', 'subscribed');
  }

  await first.fill('#text', 'hi from the browser');
  await first.click('#echo');
  await waitForText(first, '#log', 'echo → "hi from the browser"');
  await first.click('#fail');
  await waitForText(first, '#log', 'fail → DemoError: This is what a remote error looks like');
  assert.match(await first.textContent('#log'), /hint: error names and fields reach the client/);

  await second.fill('#message', 'published from page two');
  await second.click('#publish');
  await waitForText(first, '#log', 'chat ← "published from page two"');
  await waitForText(second, '#log', 'chat ← "published from page two"');

  await screenshot(first, 'sc');
  for (const page of [first, second]) assert.deepEqual(page.errors, []);
  await Promise.all([first, second].map((page) => page.context().close()));
});
