// Rights-request benchmarks, called by bench/run.js: due-date computations per second (the statutory clock), and the
// staff queue's listing latency with 10,000 open requests on PGlite and on PostgreSQL. Reproduce:
//   npm run build && BENCH_ONLY=rights node bench/run.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const OPEN_REQUESTS = Number(process.env.BENCH_RIGHTS_REQUESTS ?? 10_000);
const LIST_RUNS = Number(process.env.BENCH_RIGHTS_LIST_RUNS ?? 300);
const P99_TARGET_MS = 50; // issue 4: "queue listing latency with 10,000 open requests ... (target p99 under 50 ms)"
const DUE_TARGET_PER_S = 10_000; // our target: recompute a 10,000-request queue's due dates within one second
const ADMIN_URL = process.env.PLEDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Inputs like a real queue's: receipt dates over 2025-2027, a third paused once, a tenth extended, some with a promise. */
function clockInputs(n) {
  const out = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const iso = (d) => d.toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const received = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 900) * 86_400_000);
    const input = { received: iso(received), region: ['england-and-wales', 'scotland', 'northern-ireland'][i % 3] };
    if (i % 3 === 0) {
      const asked = new Date(received.getTime() + Math.floor(rnd() * 20) * 86_400_000);
      input.pauses = [{ askedOn: iso(asked), answeredOn: iso(new Date(asked.getTime() + Math.floor(rnd() * 10) * 86_400_000)) }];
    }
    if (i % 10 === 0) input.extended = { reason: 'complex' };
    if (i % 7 === 0) input.promise = { days: 30 };
    out.push(input);
  }
  return out;
}

/** The anchor: a flat "received + 30 days" due date as Fides computes it (no month rule, holidays, pauses or extension). */
function naiveDue(input) {
  const d = new Date(`${input.received}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
}

function perSecond(fn, inputs, minMs = 1500) {
  for (let i = 0; i < 2000; i++) fn(inputs[i % inputs.length]); // warm-up
  let ops = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1000; i++) fn(inputs[(ops + i) % inputs.length]);
    ops += 1000;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return (ops / elapsed) * 1000;
}

/** 10,000 open requests (and 2,000 closed ones), seeded in one SQL statement: due dates spread over 90 days around today. */
async function seed(db, sql) {
  await sql`
    insert into rights_requests (id, type, status, created_at, received_at, received_on, relevant_time, due_date, due_applied, clock, assignee_id, email_enc, email_hash, updated_at)
    select gen_random_uuid(),
      (array['access','rectification','erasure','restriction','portability','objection','withdraw_consent','other'])[1 + (g % 8)],
      case when g > ${OPEN_REQUESTS} then 'completed' else (array['received','in_progress','in_progress','awaiting_clarification','awaiting_identity','awaiting_customer'])[1 + (g % 6)] end,
      now(), now(), to_char(current_date - (g % 60), 'YYYY-MM-DD'), to_char(current_date - (g % 60), 'YYYY-MM-DD'),
      case when g % 6 in (3, 4) then null else to_char(current_date - 30 + (g % 90), 'YYYY-MM-DD') end,
      'statutory', '{}'::jsonb,
      case when g % 4 = 0 then null else 'user-' || (g % 5) end,
      'v1:bench', md5(g::text) || md5((g * 7)::text), now()
    from generate_series(1, ${OPEN_REQUESTS + 2000}) as g`.execute(db);
  await sql`analyze rights_requests`.execute(db);
}

async function queueLatency(server, label, storeOptions) {
  const { openStore } = await import(pathToFileURL(join(server, 'store/open-store.js')).href);
  const { migrateToLatest } = await import(pathToFileURL(join(server, 'store/migrate.js')).href);
  const { listQueue } = await import(pathToFileURL(join(server, 'rights/read-requests.js')).href);
  const { sql } = await import('kysely');
  const store = await openStore(storeOptions);
  try {
    await migrateToLatest(store.db);
    await seed(store.db, sql);
    const deps = { store, clock: { now: () => new Date() }, config: { rightsReminderDays: 5 } };
    const first = await listQueue(deps, { limit: 50 });
    // A page deep in the queue (keyset: the cursor of page 100).
    let deep;
    let cursor;
    for (let i = 0; i < 100; i++) {
      const p = await listQueue(deps, { limit: 50, ...(cursor ? { after: cursor } : {}) });
      cursor = p.next;
      if (!cursor) break;
    }
    deep = cursor;
    const shapes = [
      ['first page (50, due order, with counts)', { limit: 50 }],
      ['overdue', { limit: 50, due: 'overdue' }],
      ['due soon', { limit: 50, due: 'due_soon' }],
      ['one assignee, erasure', { limit: 50, assignee: 'user-1', type: 'erasure' }],
      ['page 100 (keyset)', { limit: 50, after: deep }],
    ];
    const rows = [];
    for (const [name, q] of shapes) {
      for (let i = 0; i < 20; i++) await listQueue(deps, q);
      const samples = [];
      for (let i = 0; i < LIST_RUNS; i++) {
        const t0 = process.hrtime.bigint();
        await listQueue(deps, q);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      samples.sort((a, b) => a - b);
      rows.push({ store: label, query: name, p50_ms: quantile(samples, 0.5), p99_ms: quantile(samples, 0.99), target_p99_ms: P99_TARGET_MS, ratio_to_target: quantile(samples, 0.99) / P99_TARGET_MS });
    }
    return { rows, open: first.counts.open };
  } finally {
    await store.close();
  }
}

export async function rightsBench({ root }) {
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const server = join(root, 'packages/server/dist');
  const inputs = clockInputs(5000);
  const ours = perSecond((i) => core.computeDueDate(i), inputs);
  const naive = perSecond(naiveDue, inputs);
  const clock = { computations_per_s: ours, naive_per_s: naive, ratio_to_naive: ours / naive, target_per_s: DUE_TARGET_PER_S, ratio_to_target: ours / DUE_TARGET_PER_S };

  const queue = [];
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-rights-'));
  try {
    queue.push(await queueLatency(server, 'PGlite', { dataDir: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let pgNote = '';
  const name = `pledge_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    queue.push(await queueLatency(server, 'PostgreSQL', { databaseUrl: url.toString() }));
    await admin.query(`drop database if exists ${name}`);
  } catch (e) {
    pgNote = `PostgreSQL not measured: ${e.message}`;
  } finally {
    await admin.end().catch(() => {});
  }
  const rows = queue.flatMap((q) => q.rows);
  const f = (n, d = 1) => n.toFixed(d);
  const markdown = [
    '## Rights requests: the clock and the queue (issue 4)',
    '',
    `Due-date computations: \`computeDueDate\` on ${inputs.length} realistic inputs (three regions, a third paused, a tenth extended, some with a shorter promise), each with its explanation steps.`,
    'Anchors: the target (a whole 10,000-request queue recomputed within a second), and a naive flat "received + 30 days" (how Fides dates requests: no month rule, holidays, pauses or extension) in the same loop.',
    '',
    '| measure | Pledge | anchor: target | ratio to target | anchor: naive +30 days | ratio to naive |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| due dates computed per second | ${f(clock.computations_per_s, 0)} | ${DUE_TARGET_PER_S} | ${f(clock.ratio_to_target, 2)} | ${f(clock.naive_per_s, 0)} | ${f(clock.ratio_to_naive, 4)} |`,
    '',
    `Queue listing (\`listQueue\`: a page of 50 in due order plus the counts over all open requests) with ${OPEN_REQUESTS} open and 2,000 closed requests seeded in SQL; ${LIST_RUNS} runs per query after 20 warm-up runs, in process (no HTTP).`,
    '',
    '| store | query | p50 (ms) | p99 (ms) | anchor: target p99 (ms) | ratio to target |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.store} | ${r.query} | ${f(r.p50_ms, 2)} | ${f(r.p99_ms, 2)} | ${r.target_p99_ms} | ${f(r.ratio_to_target, 2)} |`),
    pgNote ? `\n${pgNote}` : '',
    '',
    'Reproduce: `npm run build && BENCH_ONLY=rights node bench/run.js` (`BENCH_RIGHTS_REQUESTS`, `BENCH_RIGHTS_LIST_RUNS` to vary).',
    '',
  ].join('\n');
  return { results: { clock, queue: rows, note: pgNote || null }, markdown };
}
