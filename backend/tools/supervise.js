#!/usr/bin/env node
// Runs a command (by default the built API) and restarts it when it crashes.
//
//   node backend/tools/supervise.js [--] [command args…]   (default: node dist/backend/api/main.js)
//
// A child that exits with a non-zero code or is killed by a signal is restarted after a back-off
// that doubles from SUPERVISE_BACKOFF_MS (default 500 ms) up to 30 s, and resets once the child
// has stayed up for SUPERVISE_STABLE_MS (default 60 s). After SUPERVISE_MAX_CRASHES (default 5)
// crashes in a row without a stable run, the supervisor gives up and exits non-zero, so a broken
// build or configuration does not loop forever. A clean exit (code 0) ends the supervisor.
// SIGTERM/SIGINT/SIGHUP are forwarded to the child, and the supervisor exits with it.
'use strict';
const { spawn } = require('node:child_process');

function intEnv(name, fallback) {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const [command, ...args] = argv.length
  ? argv
  : [process.execPath, 'dist/backend/api/main.js'];
const baseBackoff = intEnv('SUPERVISE_BACKOFF_MS', 500);
const maxBackoff = intEnv('SUPERVISE_MAX_BACKOFF_MS', 30000);
const stableMs = intEnv('SUPERVISE_STABLE_MS', 60000);
const maxCrashes = intEnv('SUPERVISE_MAX_CRASHES', 5);

let child = null;
let crashes = 0;
let stopping = null;
let restartTimer = null;

function log(message) {
  console.error(`[supervise] ${new Date().toISOString()} ${message}`);
}

function start() {
  restartTimer = null;
  const startedAt = Date.now();
  child = spawn(command, args, { stdio: 'inherit' });
  log(`started ${command} ${args.join(' ')} (pid ${child.pid})`);
  child.on('error', (error) => log(`could not start: ${error.message}`));
  child.on('exit', (code, signal) => {
    child = null;
    if (stopping) {
      // Exit the way the child did, so the caller sees the outcome of the shutdown.
      process.exit(code ?? (signal === stopping ? 0 : 1));
    }
    if (code === 0) {
      log('child exited cleanly');
      process.exit(0);
    }
    if (Date.now() - startedAt >= stableMs) crashes = 0;
    crashes++;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (crashes > maxCrashes) {
      log(
        `child died (${how}); ${crashes - 1} restarts in a row failed, giving up`,
      );
      process.exit(typeof code === 'number' && code !== 0 ? code : 1);
    }
    const delay = Math.min(maxBackoff, baseBackoff * 2 ** (crashes - 1));
    log(`child died (${how}); restart ${crashes}/${maxCrashes} in ${delay} ms`);
    restartTimer = setTimeout(start, delay);
  });
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = signal;
    if (restartTimer) {
      clearTimeout(restartTimer);
      process.exit(0);
    }
    if (child) child.kill(signal);
    else process.exit(0);
  });
}

start();
