#!/usr/bin/env node
'use strict';

// Runs the interop suites (suites.json) against fresh reference servers, one fixture per suite --
// the Node-only twin of the JUnit NodeReferenceFixture runs:
//   protocol socketcluster: reference-server.js      (socketcluster-server 20.0.1)
//   protocol socketio:      sio-reference-server.js  (socket.io 4.8.4)
//
//   node run-reference.js                        # all suites
//   node run-reference.js core sio-core          # only the named suites
//   node run-reference.js --protocol socketio    # only the suites of one protocol
//
// To run one file against a server you started yourself:
//   node reference-server.js --port 8000 &          SB_PORT=8000 node --test test/core.test.js
//   node sio-reference-server.js --port 8001 &      SB_PORT=8001 node --test sio-test/core.test.js

const {spawn} = require('child_process');
const path = require('path');
const readline = require('readline');
const {suites: rawSuites} = require('./suites.json');

const REFERENCE_SERVERS = {
  socketcluster: 'reference-server.js',
  socketio: 'sio-reference-server.js'
};
const suites = rawSuites.map((s) => ({protocol: 'socketcluster', ...s}));

const SERVER_START_TIMEOUT = 10000;
const SUITE_TIMEOUT = 120000;

function startReferenceServer(suite) {
  const script = REFERENCE_SERVERS[suite.protocol];
  if (!script) throw new Error(`suite ${suite.name}: unknown protocol ${suite.protocol}`);
  const args = [path.join(__dirname, script), '--port', '0', '--exit-on-stdin-close'];
  if (suite.pingInterval != null) args.push('--ping-interval', String(suite.pingInterval));
  if (suite.pingTimeout != null) args.push('--ping-timeout', String(suite.pingTimeout));
  if (suite.protocol === 'socketio' && suite.connectTimeout != null) {
    args.push('--connect-timeout', String(suite.connectTimeout));
  }
  const child = spawn(process.execPath, args, {stdio: ['pipe', 'pipe', 'inherit']});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`reference server did not print LISTENING within ${SERVER_START_TIMEOUT} ms`));
    }, SERVER_START_TIMEOUT);
    const lines = readline.createInterface({input: child.stdout});
    lines.on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({child, port: Number(match[1])});
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with ${code} before listening`));
    });
  });
}

function runNodeTest(file, port) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', file], {
      cwd: __dirname,
      stdio: 'inherit',
      env: {...process.env, SB_HOST: '127.0.0.1', SB_PORT: String(port)}
    });
    const timer = setTimeout(() => {
      console.error(`${file}: timed out after ${SUITE_TIMEOUT} ms, killing`);
      child.kill('SIGKILL');
    }, SUITE_TIMEOUT);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 && signal == null);
    });
  });
}

async function main() {
  const argv = process.argv.slice(2);
  let protocol = null;
  const wanted = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--protocol') protocol = argv[++i];
    else wanted.push(argv[i]);
  }
  const selected = suites.filter((s) => (!wanted.length || wanted.includes(s.name))
    && (!protocol || s.protocol === protocol));
  if (!selected.length) {
    console.error(`No suite matches ${argv.join(' ')}; known: ${suites.map((s) => `${s.name} (${s.protocol})`).join(', ')}`);
    process.exit(2);
  }
  const started = Date.now();
  const failed = [];
  for (const suite of selected) {
    const {child, port} = await startReferenceServer(suite);
    console.log(`# suite ${suite.name}: ${suite.file} against ${REFERENCE_SERVERS[suite.protocol]} on port ${port}`);
    try {
      if (!(await runNodeTest(suite.file, port))) failed.push(suite.name);
    } finally {
      child.kill('SIGTERM');
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`# ${selected.length - failed.length} of ${selected.length} suites passed in ${seconds} s`
    + (failed.length ? `; failed: ${failed.join(', ')}` : ''));
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
