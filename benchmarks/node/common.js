'use strict';
// Control protocol shared with the JVM servers (see benchmarks/servers/Control.java): print
// "READY <port>" once listening; answer "stats" on stdin with heap used after a full GC; exit when
// stdin closes so a crashed harness never leaves a server behind. Needs node --expose-gc.
exports.control = function control(httpServer) {
  process.stdout.write('READY ' + httpServer.address().port + '\n');
  let buf = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (line === 'stats') {
        if (global.gc) global.gc();
        process.stdout.write('STATS heapUsed=' + process.memoryUsage().heapUsed + '\n');
      }
    }
  });
  process.stdin.on('end', () => process.exit(0));
};
