import { statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { lintDeclaration, type Finding } from '@pledge/core';
import type { Command } from '../cli/command.js';
import { formatFindings } from './load-or-report.js';

interface ApiError {
  error?: { code?: string; message?: string; details?: { findings?: { at: string | null; message: string; ruleId: string }[]; version?: number } | null };
}

export const publish: Command = {
  name: 'publish',
  usage: 'FILE|FOLDER [options]',
  summary: 'Publish a declaration to the Pledge service as its next version, after checking it here first.',
  details: `
The declaration is checked first with the same loader and checks as "pledge check": nothing is sent while it has
findings at error level. The service checks it again, stores it as an immutable version with its diff from the
previous one, and serves it at /privacy.

The API key needs the declaration:publish scope. Prefer PLEDGE_API_KEY to --api-key: flags show in process lists.

Exit status: 0 published, or nothing to publish (identical to the current version); 1 findings at error level;
2 unusable input, refused credentials, or the service cannot be reached.

Examples:
  pledge publish pledge.yaml --server https://privacy.example.com --note "Added HubSpot"
  PLEDGE_API_KEY=pk_... pledge publish declarations/`,
  positionals: [1, 1],
  options: {
    server: { type: 'string', short: 's', value: 'URL', description: 'Address of the Pledge service (or PLEDGE_SERVER). Default http://127.0.0.1:8080.' },
    'api-key': { type: 'string', value: 'KEY', description: 'API key with the declaration:publish scope (or PLEDGE_API_KEY).' },
    note: { type: 'string', short: 'n', value: 'TEXT', description: 'Why this version is published; kept with it.' },
  },
  async run([path], values, io) {
    const server = await import('@pledge/server');
    let collected;
    try {
      collected = server.readDeclarationFiles(path!);
    } catch (e) {
      io.stderr(`pledge publish: ${(e as Error).message}\n`);
      return 2;
    }
    const { files, entry } = collected;
    // Findings name files relative to the folder; show them relative to where the command runs.
    const base = statSync(path!).isDirectory() ? path! : dirname(path!);
    const shown = (findings: readonly Finding[]) => findings.map((f) => (f.location ? { ...f, location: { ...f.location, file: relative(process.cwd(), join(base, f.location.file)) || f.location.file } } : f));

    // The same loader the service runs on the same files: what passes here is what the service receives.
    const loaded = collected.loaded.findings.length ? collected.loaded : server.loadDeclarationFromFiles(files, entry);
    if (!loaded.declaration || loaded.findings.length) {
      io.stderr(formatFindings(shown(loaded.findings), 'text', io));
      io.stderr(`pledge publish: ${path} cannot be read; nothing was sent. Fix the problems above.\n`);
      return 2;
    }
    const errors = lintDeclaration(loaded.declaration, { sourceMap: loaded.sourceMap }).filter((f) => f.severity === 'error');
    if (errors.length) {
      io.stderr(formatFindings(shown(errors), 'text', io));
      io.stderr(`pledge publish: ${path} has ${errors.length} finding${errors.length === 1 ? '' : 's'} at error level; nothing was sent. Run "pledge check ${path}" and fix them.\n`);
      return 1;
    }

    const url = String(values.server ?? io.env.PLEDGE_SERVER ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
    const key = (values['api-key'] as string | undefined) ?? io.env.PLEDGE_API_KEY;
    const note = values.note as string | undefined;
    let res: Response;
    try {
      res = await fetch(`${url}/api/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ files, entry, ...(note ? { note } : {}) }),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      io.stderr(`pledge publish: cannot reach the Pledge service at ${url} (${cause?.code ?? cause?.message ?? (e as Error).message}). Start it with "pledge serve", or give --server.\n`);
      return 2;
    }
    const body = (await res.json().catch(() => ({}))) as ApiError & { version?: number; summary?: string[]; material?: boolean; warnings?: { ruleId?: string; message?: string }[] };
    const message = body.error?.message ?? res.statusText;
    switch (res.status) {
      case 201: {
        io.stdout(`Published ${path} as version ${body.version} at ${url}/privacy\n`);
        for (const line of body.summary ?? []) io.stdout(`  - ${line}\n`);
        if (body.material) io.stdout('This is a material change: tell the people it concerns before it takes effect.\n');
        // Warnings only the service can give (the size of the banner it serves) are shown here; "pledge check" shows the others.
        const served = (body.warnings ?? []).filter((w) => w.ruleId === 'banner-size');
        for (const w of served) io.stdout(`warning: ${w.message} [${w.ruleId}]\n`);
        const lint = (body.warnings?.length ?? 0) - served.length;
        if (lint) io.stdout(`${lint} warning${lint === 1 ? '' : 's'}: run "pledge check ${path}" to see them.\n`);
        return 0;
      }
      case 409:
        io.stdout(`Nothing to publish: ${message}\n`);
        return 0;
      case 401:
        io.stderr(`pledge publish: the service needs an API key (401: ${message}). Give --api-key or set PLEDGE_API_KEY to a key with the declaration:publish scope.\n`);
        return 2;
      case 403:
        io.stderr(`pledge publish: this key may not publish (403: ${message}). Use a key with the declaration:publish scope, or ask an owner.\n`);
        return 2;
      case 422:
        for (const f of body.error?.details?.findings ?? []) io.stderr(`${f.at ?? path}: ${f.message} [${f.ruleId}]\n`);
        io.stderr(`pledge publish: the service refused the declaration (422): ${message}\n`);
        return 1;
      default:
        io.stderr(`pledge publish: the service answered ${res.status}: ${message}\n`);
        return 2;
    }
  },
};
