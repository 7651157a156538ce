// Consent benchmarks, called by bench/run.js (BENCH_ONLY=consent runs only these): receipts recorded per second with
// batching on PostgreSQL and PGlite (target 10,000/s on PostgreSQL), p99 latency of single receipts under load
// (autocannon), and the SDK's in-process "is this purpose allowed" check per second beside a plain Map lookup.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { childEnv, postgresAvailable, startServe, stop, withAdmin } from './service.js';

const TARGET_RPS = 10_000; // issue 5: "at least 10,000/s on PostgreSQL on this 2-core machine, with batching"
const BATCH = Number(process.env.BENCH_CONSENT_BATCH ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_CONSENT_IN_FLIGHT ?? 4);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = 10;
const CHECKS = 5_000_000;
const ADMIN_URL = process.env.PLEDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRETS = { PLEDGE_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, PLEDGE_SESSION_SECRET: randomBytes(32).toString('base64url') };

/** An API key with the consent scopes, written straight into a stopped service's database. */
async function addConsentKey(root, { databaseUrl, dataDir }) {
  const { openStore } = await import(join(root, 'packages/server/dist/index.js'));
  const store = await openStore({ databaseUrl, dataDir: join(dataDir, 'db') });
  const key = `pk_${randomBytes(32).toString('base64url')}`;
  try {
    await store.executeSql('insert into api_keys (id, name, prefix, key_hash, scopes, created_by, created_at) values ($1, $2, $3, $4, $5, null, now())', [
      randomUUID(),
      'consent benchmark',
      key.slice(0, 10),
      createHash('sha256').update(key).digest('hex'),
      JSON.stringify(['consent:write', 'consent:read']),
    ]);
    return key;
  } finally {
    await store.close();
  }
}

/** A batch of receipts as a system sends them: each a new device, one cookie category and one purpose, its own key. */
function batchBody(n) {
  const receipts = [];
  for (let i = 0; i < n; i++) {
    receipts.push({
      person: { deviceId: randomBytes(16).toString('hex') },
      choices: { 'cookie:statistics': i % 2 ? 'granted' : 'refused', 'cookie:marketing': i % 3 ? 'granted' : 'refused' },
      method: 'import',
      declarationVersion: '2026-04-01',
      page: '/pricing',
      idempotencyKey: randomBytes(12).toString('hex'),
    });
  }
  return JSON.stringify({ receipts });
}

/** Receipts per second: IN_FLIGHT loops posting batches for SECONDS; each request a fresh body (new keys). */
async function batched(address, key) {
  const bodies = Array.from({ length: 16 }, () => batchBody(BATCH));
  let receipts = 0;
  let failures = 0;
  const latencies = [];
  const end = Date.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (Date.now() < end) {
        // New idempotency keys for every request, so every receipt is new (string replace is cheap next to the POST).
        const salt = randomBytes(4).toString('hex');
        const body = bodies[next++ % bodies.length].replace(/"idempotencyKey":"/g, `"idempotencyKey":"${salt}`);
        const t = performance.now();
        const res = await fetch(`${address}/api/consent/receipts/batch`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
        const json = await res.json();
        latencies.push(performance.now() - t);
        if (res.status !== 200) {
          failures++;
          if (failures === 1) console.warn(`bench: batch answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
          continue;
        }
        receipts += json.results.filter((r) => r.status === 'recorded').length;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { receipts_per_s: receipts / SECONDS, receipts, batch: BATCH, in_flight: IN_FLIGHT, failures, batch_p50_ms: latencies[Math.floor(latencies.length / 2)] ?? null, batch_p99_ms: latencies[Math.floor(latencies.length * 0.99)] ?? null };
}

/** autocannon: single receipts, each a new device and key. */
function single(url, headers, make) {
  return new Promise((resolve, reject) => {
    let n = 0;
    const setupRequest = (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }, body: make(n++) });
    autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers: { 'content-type': 'application/json', ...headers }, requests: [{ method: 'POST', setupRequest }] }, (err, r) => {
      if (err) return reject(err);
      resolve({ rps: r.requests.average, p50_ms: r.latency.p50, p99_ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    });
  });
}

/** The SDK's cached check against a Map lookup, in this process; the cache is filled from the running service. */
async function sdkCheck(root, address, key) {
  const { PledgeClient } = await import(join(root, 'packages/sdk/dist/index.js'));
  const pledge = new PledgeClient({ baseUrl: address, apiKey: key, cacheTtlMs: 600_000 });
  const person = { subjectId: 'bench-subject' };
  await pledge.record({ person, choices: { 'cookie:statistics': 'granted' }, method: 'api' });
  if ((await pledge.isAllowed(person, 'cookie:statistics')) !== true) throw new Error('bench: the SDK does not see its own receipt');
  const time = (fn, n) => {
    fn(1000);
    const t = process.hrtime.bigint();
    const hits = fn(n);
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (hits !== n) throw new Error(`bench: ${hits} of ${n} checks said allowed`);
    return n / s;
  };
  const sync = time((n) => {
    let hits = 0;
    for (let i = 0; i < n; i++) if (pledge.check(person, 'cookie:statistics') === true) hits++;
    return hits;
  }, CHECKS);
  const map = new Map([['s\u0000bench-subject', { expires: Date.now() + 600_000, allowed: { 'cookie:statistics': true } }]]);
  const anchor = time((n) => {
    let hits = 0;
    for (let i = 0; i < n; i++) if (map.get('s\u0000bench-subject')?.allowed['cookie:statistics'] === true) hits++;
    return hits;
  }, CHECKS);
  // isAllowed is async (it may have to ask Pledge); awaited on a cache hit it costs a resolved promise more.
  await pledge.isAllowed(person, 'cookie:statistics');
  const n = CHECKS / 5;
  const t = process.hrtime.bigint();
  let hits = 0;
  for (let i = 0; i < n; i++) if (await pledge.isAllowed(person, 'cookie:statistics')) hits++;
  const asyncRate = n / (Number(process.hrtime.bigint() - t) / 1e9);
  if (hits !== n) throw new Error('bench: isAllowed missed the cache');
  return { check_per_s: sync, check_ns: 1e9 / sync, is_allowed_per_s: asyncRate, is_allowed_ns: 1e9 / asyncRate, map_get_per_s: anchor, map_get_ns: 1e9 / anchor, ratio_check_to_map: anchor / sync };
}

export async function consentBench({ root, bin }) {
  const declaration = join(root, 'examples/jet-technology/corrected');
  const temp = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'pledge-bench-consent-'));
    temp.push(d);
    return d;
  };
  const results = { target_receipts_per_s: TARGET_RPS, stores: [], sdk: null };
  let drop = null;
  try {
    const env = { PLEDGE_TRUST_PROXY: 'true', PLEDGE_CONSENT_RATE_LIMIT: '1000000' };
    const pgliteDir = tempDir();
    const stores = [{ store: 'pglite', dataDir: pgliteDir, env: childEnv(env), args: ['--data-dir', pgliteDir] }];
    if (await postgresAvailable()) {
      const name = `pledge_bench_consent_${randomBytes(4).toString('hex')}`;
      await withAdmin((c) => c.query(`create database ${name}`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      drop = () => withAdmin((c) => c.query(`drop database if exists ${name}`));
      const dir = tempDir();
      stores.unshift({ store: 'postgres', dataDir: dir, databaseUrl: url.toString(), env: childEnv({ ...env, DATABASE_URL: url.toString(), ...SECRETS }), args: ['--data-dir', dir] });
    } else {
      console.warn('bench: PostgreSQL does not answer; the PostgreSQL consent figures are not measured.');
    }
    for (const s of stores) {
      const setup = await startServe(bin, root, [...s.args, '--declaration', declaration, '--log-level', 'error'], s.env);
      await stop(setup.proc);
      const key = await addConsentKey(root, s);
      const svc = await startServe(bin, root, [...s.args, '--log-level', 'error'], s.env);
      try {
        const row = { store: s.store };
        row.batched = await batched(svc.address, key);
        console.log(`bench: ${s.store} batched receipts: ${row.batched.receipts_per_s.toFixed(0)}/s (batches of ${BATCH}, ${IN_FLIGHT} in flight)`);
        row.api_single = await single(`${svc.address}/api/consent/receipts`, { authorization: `Bearer ${key}` }, (n) =>
          JSON.stringify({ person: { subjectId: `s-${n % 5000}` }, choices: { 'cookie:statistics': n % 2 ? 'granted' : 'refused' }, method: 'api', idempotencyKey: randomBytes(12).toString('hex') }),
        );
        console.log(`bench: ${s.store} POST /api/consent/receipts: ${row.api_single.rps.toFixed(0)}/s, p99 ${row.api_single.p99_ms} ms`);
        row.public_single = await single(`${svc.address}/consent/receipts`, {}, () =>
          JSON.stringify({ deviceId: randomBytes(16).toString('hex'), choices: { statistics: 'granted', marketing: 'refused' }, method: 'banner', declarationVersion: '2026-04-01', page: '/', idempotencyKey: randomBytes(16).toString('hex') }),
        );
        console.log(`bench: ${s.store} POST /consent/receipts (banner): ${row.public_single.rps.toFixed(0)}/s, p99 ${row.public_single.p99_ms} ms`);
        if (!results.sdk) results.sdk = await sdkCheck(root, svc.address, key);
        results.stores.push(row);
      } finally {
        await stop(svc.proc);
      }
    }
  } finally {
    if (drop) await drop();
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  }
  return { results, markdown: markdown(results) };
}

function markdown(r) {
  const f = (n) => (n === null || n === undefined ? '' : n.toFixed(0));
  const batchRows = r.stores.map((s) => `| ${s.store} | ${f(s.batched.receipts_per_s)} | ${s.batched.batch} × ${s.batched.in_flight} in flight | ${f(s.batched.batch_p99_ms)} | ${s.batched.failures} | ${TARGET_RPS} | ${(s.batched.receipts_per_s / TARGET_RPS).toFixed(2)} |`);
  const loadRows = r.stores.flatMap((s) => [
    `| ${s.store} | \`POST /api/consent/receipts\` (API key, one receipt) | ${f(s.api_single.rps)} | ${s.api_single.p50_ms} | ${s.api_single.p99_ms} | ${s.api_single.non2xx + s.api_single.errors} |`,
    `| ${s.store} | \`POST /consent/receipts\` (banner, public) | ${f(s.public_single.rps)} | ${s.public_single.p50_ms} | ${s.public_single.p99_ms} | ${s.public_single.non2xx + s.public_single.errors} |`,
  ]);
  const sdk = r.sdk;
  return `## Consent: receipts recorded per second (issue 5: "at least 10,000/s on PostgreSQL on this 2-core machine, with batching")

One \`pledge serve\` process (all roles) with the corrected Jet Technology declaration; the load generator runs on the
same 2 cores. Each request is \`POST /api/consent/receipts/batch\` with ${BATCH} new receipts (new device ids, two choices,
own idempotency keys), ${IN_FLIGHT} requests in flight for ${SECONDS} s. Every receipt is validated against the published
declaration and inserted in one statement with ON CONFLICT on its idempotency key. Anchor: the target.

| store | receipts/s | batching | batch p99 (ms) | failed batches | anchor: target (/s) | ratio to target |
| --- | ---: | --- | ---: | ---: | ---: | ---: |
${batchRows.join('\n')}

## Consent: p99 latency of single receipts under load

autocannon, ${CONNECTIONS} connections for ${SECONDS} s, each request a new receipt with its own idempotency key (and, on the
public route, a new device id and client address, as many visitors' banners).

| store | request | req/s | p50 (ms) | p99 (ms) | non-2xx + errors |
| --- | --- | ---: | ---: | ---: | ---: |
${loadRows.join('\n')}

## Consent: the SDK's in-process check (PRODUCT.md: "an in-process 'is this purpose allowed' check in well under a microsecond")

${CHECKS.toLocaleString('en-GB')} checks of one cached person and purpose in one loop; the anchor is a plain \`Map.get\` of the
same shape in the same run.

| check | per second | ns per check | anchor: \`Map.get\` per second | ratio (Map / check) | target |
| --- | ---: | ---: | ---: | ---: | --- |
| \`pledge.check(person, purpose)\` (sync, cache only) | ${f(sdk?.check_per_s)} | ${sdk?.check_ns.toFixed(1)} | ${f(sdk?.map_get_per_s)} | ${sdk?.ratio_check_to_map.toFixed(2)} | < 1,000 ns |
| \`await pledge.isAllowed(person, purpose)\` (cache hit) | ${f(sdk?.is_allowed_per_s)} | ${sdk?.is_allowed_ns.toFixed(1)} | ${f(sdk?.map_get_per_s)} | ${(sdk?.map_get_per_s / sdk?.is_allowed_per_s).toFixed(2)} | < 1,000 ns |

Reproduce: \`npm run build && BENCH_ONLY=consent node bench/run.js\` (\`BENCH_CONSENT_BATCH\`, \`BENCH_CONSENT_IN_FLIGHT\`, \`BENCH_LOAD_SECONDS\` to vary).
`;
}
