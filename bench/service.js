// Service benchmarks, called by bench/run.js: cold start and memory of `pledge serve` on the embedded database, and
// requests per second with p99 latency (autocannon, loopback only, short bounded runs) on PGlite and PostgreSQL.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const START_TARGET_MS = 3000; // issue 3: "cold start time ... on PGlite (target: under 3 s)"
const RSS_TARGET_MB = 450; // issue 3: "... and memory (target: under 450 MB)"
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = 10;
const ADMIN_URL = process.env.PLEDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRETS = { PLEDGE_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, PLEDGE_SESSION_SECRET: randomBytes(32).toString('base64url') };

/** Environment for a child: this machine's, without any Pledge or database setting leaking in. */
export function childEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PLEDGE_') || k === 'DATABASE_URL') delete env[k];
  return { ...env, ...extra };
}

/** Starts a node process and resolves once `pattern` appears in its output, with the match and the elapsed time. */
export function startChild(args, env, pattern, cwd) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}:\n${out.slice(-2000)}`)), 120_000);
    const onData = (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before ${pattern}:\n${out.slice(-2000)}`));
    });
  });
  return { child, exited, ready, t0, output: () => out };
}

export async function stop(proc) {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 30_000);
  await proc.exited;
  clearTimeout(timer);
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** `pledge serve` until /health/ready answers 200: returns the running process, its address and the time it took. */
export async function startServe(bin, root, args, env) {
  const proc = startChild([bin, 'serve', '--port', '0', '--log-level', 'warn', ...args], env, /Pledge is running at (http:\/\/\S+) \(/, root);
  const [, address] = await proc.ready;
  for (;;) {
    const res = await fetch(`${address}/health/ready`).catch(() => null);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = Number(process.hrtime.bigint() - proc.t0) / 1e6;
  return { proc, address, ms, rss: rssMb(proc.child.pid) };
}

function load(url, headers = {}) {
  return new Promise((resolve, reject) => {
    let n = 0;
    // Each request from a different visitor (X-Forwarded-For, with --trust-proxy as behind a load balancer), so the
    // per-visitor rate limit of the public pages is exercised but not hit.
    const visitor = (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}` } });
    autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS, headers, requests: [{ setupRequest: visitor }] }, (err, r) => {
      if (err) return reject(err);
      resolve({ rps: r.requests.average, p50_ms: r.latency.p50, p99_ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** An API key with audit:read, written straight into a stopped service's database (what `POST /api/keys` stores). */
async function addApiKey(root, { databaseUrl, dataDir }) {
  const { openStore } = await import(join(root, 'packages/server/dist/index.js'));
  const store = await openStore({ databaseUrl, dataDir: join(dataDir, 'db') });
  const key = `pk_${randomBytes(32).toString('base64url')}`;
  try {
    await store.executeSql(
      'insert into api_keys (id, name, prefix, key_hash, scopes, created_by, created_at) values ($1, $2, $3, $4, $5, null, now())',
      [randomUUID(), 'benchmark', key.slice(0, 10), createHash('sha256').update(key).digest('hex'), JSON.stringify(['audit:read'])],
    );
    return key;
  } catch (e) {
    console.warn(`bench: cannot add an API key (${e.message}); the authenticated read is not measured.`);
    return null;
  } finally {
    await store.close();
  }
}

export async function postgresAvailable() {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function withAdmin(fn) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The floor any Node.js HTTP service pays on this machine: bare Fastify answering a fixed JSON body. */
async function bareFastify(root) {
  const script = `
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.get('/health', async () => ({ status: 'ok', database: 'ok', store: 'none' }));
    console.log('listening ' + await app.listen({ host: '127.0.0.1', port: 0 }));`;
  const proc = startChild(['--input-type=module', '-e', script], childEnv({}), /listening (http:\/\/\S+)/, root);
  const [, address] = await proc.ready;
  const r = await load(`${address}/health`);
  await stop(proc);
  return r;
}

/** Runs the service benchmarks; returns raw results and the Markdown sections for docs/benchmarks.md. */
export async function serviceBench({ root, bin }) {
  const declaration = join(root, 'examples/jupiter-edtech/corrected');
  const temp = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'pledge-bench-'));
    temp.push(d);
    return d;
  };
  const running = new Set();
  const results = { start: {}, load: [], anchor: null };
  try {
    // Cold start: a new data folder each time (creates the database), then restarts on one existing folder.
    const first = [];
    let dataDir;
    for (let i = 0; i < START_RUNS; i++) {
      dataDir = tempDir();
      const s = await startServe(bin, root, ['--data-dir', dataDir], childEnv({}));
      first.push(s);
      await stop(s.proc);
    }
    const restart = [];
    for (let i = 0; i < START_RUNS; i++) {
      const s = await startServe(bin, root, ['--data-dir', dataDir], childEnv({}));
      restart.push(s);
      await stop(s.proc);
    }
    results.start = {
      first_ms: first.map((s) => s.ms),
      restart_ms: restart.map((s) => s.ms),
      rss_after_first_start_mb: first.map((s) => s.rss),
      rss_after_restart_mb: restart.map((s) => s.rss),
    };
    console.log(`bench: first start ${median(results.start.first_ms).toFixed(0)} ms, restart ${median(results.start.restart_ms).toFixed(0)} ms, RSS ${median(results.start.rss_after_first_start_mb).toFixed(0)} / ${median(results.start.rss_after_restart_mb).toFixed(0)} MB`);

    results.anchor = await bareFastify(root);

    // Load, per store: the service with the example declaration published, and an API key for the authenticated read.
    const stores = [{ store: 'pglite', dataDir, env: childEnv({ PLEDGE_TRUST_PROXY: 'true' }), args: ['--data-dir', dataDir] }];
    let drop = null;
    if (await postgresAvailable()) {
      const name = `pledge_bench_${randomBytes(4).toString('hex')}`;
      await withAdmin((c) => c.query(`create database ${name}`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      drop = () => withAdmin((c) => c.query(`drop database if exists ${name}`));
      const pgDir = tempDir();
      stores.push({ store: 'postgres', dataDir: pgDir, databaseUrl: url.toString(), env: childEnv({ DATABASE_URL: url.toString(), PLEDGE_TRUST_PROXY: 'true', ...SECRETS }), args: ['--data-dir', pgDir] });
    } else {
      console.warn('bench: PostgreSQL does not answer; the PostgreSQL figures are not measured.');
    }
    try {
      for (const s of stores) {
        // First start migrates and publishes; stop; add the key; start again for the measured runs.
        const setup = await startServe(bin, root, [...s.args, '--declaration', declaration], s.env);
        await stop(setup.proc);
        const key = await addApiKey(root, s);
        const svc = await startServe(bin, root, s.args, s.env);
        running.add(svc.proc);
        const targets = [
          ['GET /health/ready', '/health/ready', {}],
          ['GET /privacy (public notice)', '/privacy', {}],
        ];
        if (key) targets.push(['GET /api/audit?limit=20 (API key)', '/api/audit?limit=20', { authorization: `Bearer ${key}` }]);
        for (const [label, path, headers] of targets) {
          const check = await fetch(`${svc.address}${path}`, { headers });
          if (check.status !== 200) {
            console.warn(`bench: ${label} answers ${check.status} on ${s.store}; not measured.`);
            results.load.push({ store: s.store, request: label, status: check.status });
            continue;
          }
          const r = await load(`${svc.address}${path}`, headers);
          results.load.push({ store: s.store, request: label, ...r, anchor_rps: results.anchor.rps, ratio_to_anchor: r.rps / results.anchor.rps });
          console.log(`bench: ${s.store} ${label}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99_ms} ms`);
        }
        results.start[`rss_after_load_mb_${s.store}`] = rssMb(svc.proc.child.pid);
        await stop(svc.proc);
        running.delete(svc.proc);
      }
    } finally {
      for (const p of running) await stop(p);
      if (drop) await drop();
    }
  } finally {
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  }
  return { results, markdown: markdown(results) };
}

function markdown(r) {
  const f = (n) => n.toFixed(0);
  const row = (label, xs, target, unit) => `| ${label} | ${f(median(xs))} | ${f(Math.max(...xs))} | ${target} | ${(median(xs) / target).toFixed(2)} |`;
  const loadRows = r.load.map((l) =>
    l.rps === undefined
      ? `| ${l.store} | \`${l.request}\` | not measured (HTTP ${l.status}) | | | | | |`
      : `| ${l.store} | \`${l.request}\` | ${f(l.rps)} | ${l.p99_ms} | ${l.non2xx + l.errors} | ${f(l.anchor_rps)} | ${l.ratio_to_anchor.toFixed(2)} | ${r.anchor.p99_ms} |`,
  );
  const afterLoad = Object.entries(r.start)
    .filter(([k]) => k.startsWith('rss_after_load_mb_'))
    .map(([k, v]) => row(`resident memory after the load runs, ${k.slice('rss_after_load_mb_'.length)} (MB)`, [v], RSS_TARGET_MB));
  return `## Service: cold start and memory (issue 3: "cold start time and memory on PGlite (target: under 3 s, under 450 MB)")

\`pledge serve\` on the embedded database, timed from spawning the process to the first 200 from \`/health/ready\`.
A first start creates the data folder (the PGlite database, the migrations, the job queue's schema); a restart opens
an existing one. Memory is the process's resident set (\`VmRSS\` in \`/proc/<pid>/status\`) when it is ready.
${START_RUNS} runs each; the anchor is the target.

| measure | median | max | anchor: target | ratio to target |
| --- | ---: | ---: | ---: | ---: |
${row('first start, new data folder (ms)', r.start.first_ms, START_TARGET_MS)}
${row('restart on an existing data folder (ms)', r.start.restart_ms, START_TARGET_MS)}
${row('resident memory after a first start (MB)', r.start.rss_after_first_start_mb, RSS_TARGET_MB)}
${row('resident memory after a restart (MB)', r.start.rss_after_restart_mb, RSS_TARGET_MB)}
${afterLoad.join('\n')}

## Service: requests per second and p99 latency (issue 3: "requests per second with p99 latency (autocannon) for the public notice and an authenticated read, on PGlite and PostgreSQL")

autocannon, ${CONNECTIONS} connections for ${LOAD_SECONDS} s per row, over loopback, against one \`pledge serve\` process (all roles) with the
example declaration (\`examples/jupiter-edtech/corrected\`) published, configured as behind a load balancer
(\`PLEDGE_TRUST_PROXY=true\`) with each request from a different visitor address (\`X-Forwarded-For\`): the public
pages' per-visitor rate limit (300 a minute) runs on every request but is not what is measured. The authenticated
read sends an API key with the \`audit:read\` scope. The anchor is the floor of this machine for any Node.js HTTP service: bare Fastify answering a
fixed JSON body, measured in the same run with the same settings (its p99: ${r.anchor.p99_ms} ms). Errors and non-2xx
answers are counted; they must be 0.

| store | request | req/s | p99 (ms) | errors + non-2xx | anchor: bare Fastify (req/s) | ratio to anchor | anchor p99 (ms) |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${loadRows.join('\n')}

Reproduce: \`npm run bench\` (PostgreSQL rows need a PostgreSQL at \`PLEDGE_TEST_POSTGRES_URL\`, default
\`postgres://postgres@127.0.0.1:5432/test\`; \`BENCH_START_RUNS\` and \`BENCH_LOAD_SECONDS\` change the run counts).
`;
}
