// Cookie banner benchmark, called by bench/run.js (or alone: `npm run build && node bench/banner.js`).
// In one Chromium run: the bytes a page loads for its cookie banner (JS + CSS + its configuration; raw and gzip -9)
// and the time from navigation start to the banner visible, with first paint and first contentful paint, for
// Pledge's banner (served by a real `pledge serve`, embedded with the documented line, and for comparison with plain
// `async` and with `defer`) and for vanilla-cookieconsent,
// orejime and klaro (installed from npm as devDependencies, loaded as their READMEs say, each configured with the same
// four categories: strictly necessary, functionality/preferences, statistics, marketing). A page without any banner
// is the baseline for "loading does not block rendering".
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.BENCH_BANNER_RUNS ?? 15);
const TARGET_GZIP = 6 * 1024; // issue 5: "at most 6 KB gzipped for everything a page loads (JS and CSS together)"
// Measured earlier on this kind of machine (issue 5); KB = 1,000 bytes, as the anchors were given (sums of gzip -9).
const ANCHORS = {
  'vanilla-cookieconsent': { gzip_kb: 15.5, shown_ms: 217 },
  orejime: { gzip_kb: 14.5, shown_ms: 124 },
  klaro: { gzip_kb: 68.9, shown_ms: 151 },
};
const CHROMIUM = '/usr/bin/chromium';
const DOCUMENTED = 'Pledge (as documented)';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const CATEGORIES = [
  { id: 'necessary', title: 'Strictly necessary', description: 'Needed for the website to work, for example to remember your cookie choices.' },
  { id: 'functionality', title: 'Functionality', description: 'Remember choices you make, such as language or text size.' },
  { id: 'statistics', title: 'Statistics', description: 'Help us understand how people use the website, so we can improve it.' },
  { id: 'marketing', title: 'Marketing', description: 'Measure and personalise advertising.' },
];
const TITLE = 'Cookies on this website';
const INTRO = 'We use cookies that are strictly necessary to make this website work. With your permission we would also like to use others.';

/** Each banner: files it loads from its "CDN" (node_modules), its configuration script, the tags the page carries, and the element that is the banner. */
const THIRD_PARTY = {
  'vanilla-cookieconsent': {
    version: 'vanilla-cookieconsent',
    files: { 'cookieconsent.umd.js': 'vanilla-cookieconsent/dist/cookieconsent.umd.js', 'cookieconsent.css': 'vanilla-cookieconsent/dist/cookieconsent.css' },
    // Its README: the stylesheet, then a module that imports it and calls run(); the UMD build with defer is the same timing.
    tags: (cdn) => `<link rel="stylesheet" href="${cdn}/cookieconsent.css">\n<script defer src="${cdn}/cookieconsent.umd.js"></script>\n<script defer src="${cdn}/vanilla-cookieconsent.config.js"></script>`,
    // hideFromBots: false, or it hides itself from headless Chromium (its default treats it as a crawler).
    config: `CookieConsent.run(${JSON.stringify({
      hideFromBots: false,
      categories: { necessary: { enabled: true, readOnly: true }, functionality: {}, statistics: {}, marketing: {} },
      language: {
        default: 'en',
        translations: {
          en: {
            consentModal: { title: TITLE, description: INTRO, acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Choose cookies', footer: '<a href="/privacy">Privacy and cookie notice</a>' },
            preferencesModal: {
              title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save my choices', closeIconLabel: 'Close',
              sections: CATEGORIES.map((c) => ({ title: c.title, description: c.description, linkedCategory: c.id })),
            },
          },
        },
      },
    })});`,
    selector: '#cc-main .cm',
  },
  orejime: {
    version: 'orejime',
    files: { 'orejime-standard-en.js': 'orejime/dist/orejime-standard-en.js', 'orejime-standard.css': 'orejime/dist/orejime-standard.css' },
    // Its README: the configuration in window.orejimeConfig, then the script and the stylesheet (plain tags).
    tags: (cdn) => `<script src="${cdn}/orejime.config.js"></script>\n<script src="${cdn}/orejime-standard-en.js"></script>\n<link rel="stylesheet" href="${cdn}/orejime-standard.css">`,
    config: `window.orejimeConfig = ${JSON.stringify({
      privacyPolicyUrl: '/privacy',
      purposes: CATEGORIES.map((c) => ({ id: c.id, title: c.title, description: c.description, cookies: c.id === 'statistics' ? ['_ga', '/^_ga_/'] : c.id === 'marketing' ? ['_gcl_au'] : [], ...(c.id === 'necessary' ? { isMandatory: true } : {}) })),
    })};`,
    selector: '.orejime-Banner',
  },
  klaro: {
    version: 'klaro',
    files: { 'klaro.js': 'klaro/dist/klaro.js' },
    // Its README: config.js then klaro.js, both deferred; klaro.js brings its CSS.
    tags: (cdn) => `<script defer src="${cdn}/klaro.config.js"></script>\n<script defer src="${cdn}/klaro.js"></script>`,
    config: `var klaroConfig = ${JSON.stringify({
      version: 1, storageMethod: 'cookie', cookieName: 'klaro', default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false,
      translations: {
        zz: { privacyPolicyUrl: '/privacy' },
        en: { consentNotice: { description: INTRO }, purposes: Object.fromEntries(CATEGORIES.map((c) => [c.id, { title: c.title, description: c.description }])) },
      },
      services: [
        { name: 'consent', title: 'Cookie choices', purposes: ['necessary'], required: true },
        { name: 'preferences', title: 'Preferences', purposes: ['functionality'] },
        { name: 'google-analytics', title: 'Google Analytics', purposes: ['statistics'], cookies: ['_ga'] },
        { name: 'google-ads', title: 'Google Ads', purposes: ['marketing'], cookies: ['_gcl_au'] },
      ],
    })};`,
    selector: '.klaro .cookie-notice',
  },
};

/** The example declaration with a functionality cookie added, so Pledge's banner shows the same four categories. */
function fourCategoryDeclaration(root) {
  const yaml = readFileSync(join(root, 'examples/jet-technology/corrected/declaration.yaml'), 'utf8');
  return yaml.replace(
    '    - id: google_analytics',
    '    - id: text_size\n      name: text_size\n      category: functionality\n      purpose: Remembers the text size you chose.\n      duration: 1 year\n      party: first\n    - id: google_analytics',
  );
}

/** Pledge's documented embed (README.md): render-blocking (HTML `blocking` attribute; Chromium 105+), not parser-blocking, with its guard line. */
const PLEDGE_EMBED = (src) =>
  `<script src="${src}" async blocking="render"></script>` +
  "<script>(function(s){setTimeout(function(){s.removeAttribute('blocking')},1000)})(document.currentScript.previousElementSibling)</script>";

/**
 * The page under test. The first inline script records, on every animation frame, whether the banner element is
 * shown: rendered (not display:none, not visibility:hidden), its bounding rectangle (which includes CSS transforms, so
 * a banner still sliding in from off-screen does not count) non-empty and inside the viewport (1 px tolerance), and
 * computed opacity above 0 on it and every ancestor (so a fade-in from 0 does not count). The same test for every
 * banner. It records the frame time it first is, against the navigation start. Paint timings come from a buffered
 * PerformanceObserver.
 */
function pageHtml(tags, selector) {
  const probe = `(function(){var sel=${JSON.stringify(selector)};window.__bench={};
new PerformanceObserver(function(l){l.getEntries().forEach(function(e){window.__bench[e.name]=e.startTime})}).observe({type:'paint',buffered:true});
function shown(e){if(!e.checkVisibility({opacityProperty:true,visibilityProperty:true}))return false;var r=e.getBoundingClientRect();if(!(r.width>0&&r.height>0&&r.top>=-1&&r.left>=-1&&r.bottom<=innerHeight+1&&r.right<=innerWidth+1))return false;for(var x=e;x;x=x.parentElement)if(!(parseFloat(getComputedStyle(x).opacity)>0))return false;return true}
var frames=0;function tick(){frames++;var e=sel&&document.querySelector(sel);if(e&&shown(e)){window.__bench.shown=performance.now();window.__bench.frame=frames;return}requestAnimationFrame(tick)}
if(sel)new MutationObserver(function(_,o){if(document.querySelector(sel)){window.__bench.inserted=performance.now();o.disconnect()}}).observe(document,{childList:true,subtree:true});
if(sel)requestAnimationFrame(tick)})();`;
  const para = 'Our shop sells hand-made things. This paragraph stands for the content of a real page, so that the first contentful paint has something to paint. ';
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<script>${probe}</script>
${tags}
</head><body><main><h1>Hand-made shop</h1>${`<p>${para.repeat(4)}</p>`.repeat(6)}</main></body></html>`;
}

async function freePort() {
  const s = createNetServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

function listen(handler) {
  const server = createServer(handler);
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

/** `pledge serve` on a free port with the four-category declaration published at start; resolves when ready. */
async function startPledge(root, bin) {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-banner-'));
  writeFileSync(join(dir, 'declaration.yaml'), fourCategoryDeclaration(root));
  const port = await freePort();
  const address = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PLEDGE_') || k === 'DATABASE_URL') delete env[k];
  Object.assign(env, { PLEDGE_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, PLEDGE_SESSION_SECRET: randomBytes(32).toString('base64url') });
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--public-url', address, '--data-dir', join(dir, 'data'), '--declaration', dir, '--log-level', 'warn'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pledge serve exited (${child.exitCode}):\n${out.slice(-2000)}`);
    const res = await fetch(`${address}/consent/banner.js`).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`pledge serve did not serve the banner in time:\n${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

export async function bannerBench({ root, bin }) {
  if (!existsSync(CHROMIUM)) throw new Error('The banner benchmark needs Chromium at /usr/bin/chromium (apt-get install -y chromium).');
  const nm = join(root, 'node_modules');
  for (const t of Object.values(THIRD_PARTY)) for (const f of Object.values(t.files)) if (!existsSync(join(nm, f))) throw new Error(`${f} is missing: run npm install (the banners compared are root devDependencies).`);
  const pledge = await startPledge(root, bin);
  // The "CDN" of the other banners: their files from node_modules and their configuration scripts, as-is (uncompressed
  // on the wire; gzip is computed below, the same way for every banner).
  const cdnFiles = {};
  for (const [name, t] of Object.entries(THIRD_PARTY)) {
    for (const [file, path] of Object.entries(t.files)) cdnFiles[file] = readFileSync(join(nm, path));
    cdnFiles[`${name}.config.js`] = Buffer.from(t.config);
  }
  const cdn = await listen((req, res) => {
    const file = cdnFiles[(req.url ?? '').slice(1)];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': req.url.endsWith('.css') ? 'text/css' : 'text/javascript', 'access-control-allow-origin': '*' }).end(file);
  });
  const cdnUrl = `http://127.0.0.1:${cdn.address().port}`;
  const banners = {
    [DOCUMENTED]: { tags: PLEDGE_EMBED(`${pledge.address}/consent/banner.js`), selector: '#pc' },
    'Pledge (plain async)': { tags: `<script src="${pledge.address}/consent/banner.js" async></script>`, selector: '#pc' },
    'Pledge (defer)': { tags: `<script src="${pledge.address}/consent/banner.js" defer></script>`, selector: '#pc' },
    ...Object.fromEntries(Object.entries(THIRD_PARTY).map(([name, t]) => [name, { tags: t.tags(cdnUrl), selector: t.selector }])),
    'no banner': { tags: '', selector: '' },
  };
  const pages = Object.fromEntries(Object.entries(banners).map(([name, b]) => [encodeURIComponent(name), pageHtml(b.tags, b.selector)]));
  const site = await listen((req, res) => {
    const html = pages[(req.url ?? '/').slice(1)];
    if (html === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  // The site is "localhost"; Pledge and the CDN are 127.0.0.1: other sites, as in real use.
  const siteUrl = `http://localhost:${site.address().port}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const samples = Object.fromEntries(Object.keys(banners).map((n) => [n, []]));
  const loaded = {};
  try {
    const names = Object.keys(banners);
    for (let run = -1; run < RUNS; run++) {
      // Rotate the order each run, so no banner always goes first; run -1 is a warm-up, not recorded.
      for (const name of names.slice(run < 0 ? 0 : run % names.length).concat(names.slice(0, run < 0 ? 0 : run % names.length))) {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await ctx.newPage();
        const responses = [];
        page.on('response', (r) => responses.push(r));
        const consoleErrors = [];
        page.on('pageerror', (e) => consoleErrors.push(String(e)));
        page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
        await page.goto(`${siteUrl}/${encodeURIComponent(name)}`, { waitUntil: 'load' });
        if (banners[name].selector) {
          await page.waitForFunction(() => window.__bench.shown !== undefined, null, { timeout: 10_000 }).catch(async (e) => {
            const errors = await page.evaluate(() => document.body.innerHTML.slice(-600));
            throw new Error(`${name}: the banner (${banners[name].selector}) never became visible: ${e.message}\n${consoleErrors.join('\n')}\n${errors}`);
          });
        }
        // The paint entries reach the observer asynchronously, possibly after the banner was seen: wait for them too.
        await page.waitForFunction(() => window.__bench['first-paint'] !== undefined && window.__bench['first-contentful-paint'] !== undefined, null, { timeout: 10_000 });
        const m = await page.evaluate(() => ({
          ...window.__bench,
          dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
          // When the last of the banner's own files (other origins) had arrived.
          loaded: Math.max(0, ...performance.getEntriesByType('resource').filter((e) => !e.name.startsWith(location.origin)).map((e) => e.responseEnd)),
        }));
        if (run >= 0) samples[name].push(m);
        if (run === 0) {
          const own = [];
          for (const r of responses) {
            if (r.url().startsWith(siteUrl)) continue;
            const body = await r.body();
            own.push({ url: r.url().replace(pledge.address, 'pledge').replace(cdnUrl, 'cdn'), raw: body.length, gzip: gz(body), transferred: (await r.request().sizes()).responseBodySize });
          }
          loaded[name] = own;
        }
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise((r) => site.close(r));
    await new Promise((r) => cdn.close(r));
    await pledge.stop();
  }

  const baselineFcp = median(samples['no banner'].map((s) => s['first-contentful-paint']));
  const rows = Object.keys(banners)
    .filter((n) => n !== 'no banner')
    .map((name) => {
      const s = samples[name];
      const files = loaded[name];
      return {
        banner: name,
        files,
        raw_bytes: files.reduce((a, f) => a + f.raw, 0),
        gzip_bytes: files.reduce((a, f) => a + f.gzip, 0),
        transferred_bytes: files.reduce((a, f) => a + f.transferred, 0),
        shown_ms: median(s.map((x) => x.shown)),
        first_paint_ms: median(s.map((x) => x['first-paint'])),
        fcp_ms: median(s.map((x) => x['first-contentful-paint'])),
        dcl_ms: median(s.map((x) => x.dcl)),
        files_loaded_ms: median(s.map((x) => x.loaded)),
        inserted_to_shown_ms: median(s.map((x) => x.shown - x.inserted)),
        inserted_ms: median(s.map((x) => x.inserted)),
        shown_minus_first_paint_ms: median(s.map((x) => x.shown - x['first-paint'])),
        // Visible in the first rendered frame (the first animation frame is the frame of the first paint).
        shown_by_first_paint_runs: s.filter((x) => x.frame === 1).length,
        runs: s.length,
      };
    });
  const p = rows.find((r) => r.banner === DOCUMENTED);
  for (const r of rows) Object.assign(r, { gzip_ratio_to_pledge: r.gzip_bytes / p.gzip_bytes, shown_ratio_to_pledge: r.shown_ms / p.shown_ms, fcp_delay_vs_no_banner_ms: r.fcp_ms - baselineFcp, anchor: ANCHORS[r.banner] ?? null });

  const kb = (b) => (b / 1000).toFixed(1);
  const ms = (x) => x.toFixed(0);
  const table = [
    '| banner | raw (KB) | gzip (KB) | anchor gzip (KB) | gzip ÷ Pledge | gzip ÷ target 6 KB | shown (ms, median) | anchor shown (ms) | shown ÷ Pledge | files arrived (ms) | in DOM (ms) | in DOM → shown (ms) | first paint (ms) | shown − first paint (ms) | FCP vs no banner (ms) | shown in first frame |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) =>
      `| ${r.banner === DOCUMENTED ? `**${r.banner}**` : r.banner} | ${kb(r.raw_bytes)} | ${kb(r.gzip_bytes)} | ${r.anchor ? r.anchor.gzip_kb : '–'} | ${r.gzip_ratio_to_pledge.toFixed(2)} | ${(r.gzip_bytes / TARGET_GZIP).toFixed(2)} | ${ms(r.shown_ms)} | ${r.anchor ? r.anchor.shown_ms : '–'} | ${r.shown_ratio_to_pledge.toFixed(2)} | ${ms(r.files_loaded_ms)} | ${ms(r.inserted_ms)} | ${ms(r.inserted_to_shown_ms)} | ${ms(r.first_paint_ms)} | ${r.shown_minus_first_paint_ms >= 0 ? '+' : ''}${ms(r.shown_minus_first_paint_ms)} | ${r.fcp_delay_vs_no_banner_ms >= 0 ? '+' : ''}${ms(r.fcp_delay_vs_no_banner_ms)} | ${r.shown_by_first_paint_runs}/${r.runs} |`,
    ),
  ].join('\n');
  const markdown = `## Cookie banner: bytes and time to shown (issue 5: "at most 6 KB gzipped ... shown no later than first paint; loaded without blocking the page")

One Chromium (headless) run, ${RUNS} page loads per banner after a warm-up, interleaved, each in a fresh browser context (empty cache).
Pledge's banner is served by a real \`pledge serve\` (the Jet Technology declaration with a functionality cookie added, so it
shows the same four categories) and embedded with the documented two lines, \`<script src=".../consent/banner.js" async blocking="render">\`
and its one-second guard ("${DOCUMENTED}": render-blocking, so the first paint waits for it, but not parser-blocking); the same script with plain
\`async\` and with \`defer\` are rows for comparison. The others are loaded from a local "CDN" origin exactly as their
READMEs say (stylesheet links, deferred or plain scripts), each configured with the same four categories. Bytes:
everything the page loads for the banner (JS, CSS and configuration), raw and gzip -9 per file, summed; KB = 1,000 bytes
as the anchors were given. Pledge actually sends ${p.transferred_bytes} bytes (brotli).
Shown: from navigation start to the first animation frame in which the banner element is shown, tested the same way for
every banner: rendered (not \`display:none\`, not \`visibility:hidden\`), its bounding rectangle (\`getBoundingClientRect\`,
which includes CSS transforms, so a banner still sliding in from off-screen does not count) non-empty and inside the
viewport, and computed opacity above 0 on it and on every ancestor (so a fade-in from 0 does not count). "Files arrived"
is when the last of the banner's files had arrived (Resource Timing), "in DOM" when its element was inserted
(MutationObserver), "in DOM → shown" the delay the banner adds itself (timers, entrance animations). First paint and FCP
from the Paint Timing API; "shown − first paint" is negative when the banner was shown in a frame before the first paint
was presented; "FCP vs no banner" compares with the same page without any banner (median FCP ${ms(baselineFcp)} ms): a
positive figure means the banner delayed the page's first content. "Shown in first frame": runs in which the banner was
already shown in the first animation frame (whose rendering is the first paint). Chromium runs a plain \`async\` script
when it has time, in practice next to the first paint, so it may miss the first frame; \`blocking="render"\` holds the
first frame until the script has run (browsers without the attribute treat the line as plain \`async\`); while Pledge
does not answer, the guard line ends that wait after one second (tested in packages/banner/src/banner.e2e.test.ts).

${table}

Reproduce: \`npm run bench\` (or \`npm run build && node bench/banner.js\`, which writes \`bench/results/banner.json\` and
replaces this section of docs/benchmarks.md; \`BENCH_BANNER_RUNS\` sets the runs).
`;
  return { results: { runs: RUNS, target_gzip_bytes: TARGET_GZIP, baseline_fcp_ms: baselineFcp, rows }, markdown };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const r = await bannerBench({ root, bin: join(root, 'packages/cli/bin/pledge.js') });
  // Alone: the same outputs bench/run.js writes for this suite (its JSON, and its section of docs/benchmarks.md).
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, runs: RUNS };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/banner.json'), JSON.stringify({ suite: 'banner', date: new Date().toISOString(), machine, ...r.results }, null, 2) + '\n');
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  const at = doc.indexOf('## Cookie banner:');
  if (at < 0) console.warn('docs/benchmarks.md has no "## Cookie banner:" section: run `npm run bench` to write the whole file.');
  else {
    const next = doc.indexOf('\n## ', at + 1);
    writeFileSync(docPath, doc.slice(0, at) + r.markdown + (next < 0 ? '' : doc.slice(next)));
  }
  console.log(r.markdown);
  console.log(JSON.stringify(r.results.rows.map(({ files, ...x }) => ({ ...x, files: files.map((f) => f.url) })), null, 1));
}
