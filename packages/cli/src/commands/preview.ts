import { createServer } from 'node:http';
import { formatCoverage, formatText, lintDeclaration, checkCoverage, renderNotice } from '@pledge/core';
import type { Command } from '../cli/command.js';
import { loadDeclarationFile } from '../load-declaration-file.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>` +
  `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#f5f5f5;padding:1rem;border-radius:4px}</style></head><body>${body}</body></html>`;

export const preview: Command = {
  name: 'preview',
  usage: 'PATH [options]',
  summary: 'Serve the notice rendered from a declaration on a local address, re-read on every request while you edit.',
  details: `
Pages: /privacy (HTML), /privacy.md, /privacy.txt, /privacy/short, /privacy/for/SUBJECT_ID, /check (the check report), /coverage.
Listens on 127.0.0.1 only unless --host says otherwise. Stop with Ctrl+C.`,
  positionals: [1, 1],
  options: {
    port: { type: 'string', short: 'p', value: 'PORT', default: '8080', description: 'Port to listen on (0 picks a free one).' },
    host: { type: 'string', value: 'HOST', default: '127.0.0.1', description: 'Address to listen on.' },
  },
  async run([path], values, io) {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, {
          'content-type': `${type}; charset=utf-8`,
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'Only GET and HEAD are served.\n');
      const loaded = loadDeclarationFile(path!);
      if (!loaded.declaration || loaded.findings.length) {
        return send(200, 'text/html', page('Declaration cannot be read', `<h1>The declaration cannot be read</h1><pre>${escape(formatText(loaded.findings))}</pre>`));
      }
      const d = loaded.declaration;
      try {
        const p = url.pathname;
        if (p === '/') {
          res.writeHead(302, { location: '/privacy' });
          return res.end();
        }
        if (p === '/privacy') return send(200, 'text/html', renderNotice(d, { format: 'html' }));
        if (p === '/privacy.md') return send(200, 'text/markdown', renderNotice(d, { format: 'markdown' }));
        if (p === '/privacy.txt') return send(200, 'text/plain', renderNotice(d, { format: 'text' }));
        if (p === '/privacy/short') return send(200, 'text/html', renderNotice(d, { format: 'html', variant: 'short', fullNoticeUrl: '/privacy' }));
        const m = /^\/privacy\/for\/([a-z][a-z0-9_-]*)$/.exec(p);
        if (m) return send(200, 'text/html', renderNotice(d, { format: 'html', audience: m[1] }));
        if (p === '/check') return send(200, 'text/html', page('Check report', `<h1>Check report</h1><pre>${escape(formatText(lintDeclaration(d, { sourceMap: loaded.sourceMap })))}</pre>`));
        if (p === '/coverage') return send(200, 'text/html', page('Coverage', `<h1>Notice coverage (UK GDPR Arts 13-14)</h1><pre>${escape(formatCoverage(checkCoverage(d)))}</pre>`));
        return send(404, 'text/html', page('Not found', '<h1>Not found</h1><p>Try <a href="/privacy">/privacy</a>.</p>'));
      } catch (e) {
        return send(400, 'text/html', page('Cannot render', `<h1>Cannot render</h1><p>${escape((e as Error).message)}</p>`));
      }
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`pledge preview: --port must be a whole number from 0 to 65535 (got "${String(values.port)}").\n`);
      return 2;
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, values.host as string, () => resolve());
    });
    const addr = server.address();
    const shown = typeof addr === 'object' && addr ? `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}` : String(addr);
    io.stdout(`Pledge preview of ${path} at ${shown}/privacy\nAlso: ${shown}/privacy/short  ${shown}/check  ${shown}/coverage\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
