// A throwaway Debian redis-server for the tests that stop and restart Redis: on 127.0.0.1, a
// free port, a temporary directory, no persistence. Its pid goes into $REDIS_PIDS_FILE
// (scripts/test-redis.sh kills what is listed there on exit, should this process die first),
// and it is killed when this process exits. Every wait is bounded.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = process.env.REDIS_SERVER_BIN || 'redis-server';
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `port` answers PING with PONG, or rejects after `ms`. */
export async function waitForPong(port, ms = 5000) {
  const until = Date.now() + ms;
  for (let i = 0; i < 200 && Date.now() < until; i++) {
    if (await pingOnce(port)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server on 127.0.0.1:${port} did not answer PING within ${ms} ms`);
}

function pingOnce(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      answer += d;
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

/**
 * Starts a redis-server; `stop()` kills it (SIGTERM, then SIGKILL after 2 s) and waits for
 * it to exit, `start()` starts it again on the same port, `close()` stops it for good and
 * removes its directory.
 */
export async function startRedis() {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxcs-redis-'));
  const port = await freePort();
  let child = null;
  const server = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    async start() {
      if (child) return;
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
      child = spawn(BIN, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      live.add(child);
      if (process.env.REDIS_PIDS_FILE) appendFileSync(process.env.REDIS_PIDS_FILE, `${child.pid}\n`);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.exited = exited;
      await Promise.race([waitForPong(port), exited.then(() => Promise.reject(new Error('redis-server exited at start')))]);
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
      await c.exited;
      clearTimeout(timer);
      live.delete(c);
    },
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
