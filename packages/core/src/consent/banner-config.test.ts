import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { BANNER_STRING_KEYS, BANNER_STRING_LIMITS } from '../declaration/schema/cookies.js';
import { buildBannerConfig } from './banner-config.js';

const file = fileURLToPath(new URL('../../../../examples/jet-technology/corrected/declaration.yaml', import.meta.url));
const text = readFileSync(file, 'utf8');

function load(yaml: string): Declaration {
  const r = parseDeclaration(yaml, 'declaration.yaml');
  if (!r.declaration) throw new Error(JSON.stringify(r.findings));
  return r.declaration;
}

describe('buildBannerConfig', () => {
  const jet = load(text);

  it('derives categories, cookies, version and switches from the Jet Technology cookie table', () => {
    const c = buildBannerConfig(jet, { endpoint: 'https://pledge.example/consent/receipts' });
    expect(c.categories.map((k) => [k.id, k.mode])).toEqual([
      ['strictly_necessary', 'always'],
      ['statistics', 'opt_in'],
      ['marketing', 'opt_in'],
    ]);
    expect(c.categories[0]?.cookies).toEqual([
      { name: 'jet_cookie_consent', purpose: 'Remembers your cookie choices.', duration: '6 months', party: 'first' },
    ]);
    expect(c.categories[1]?.cookies.map((k) => k.name)).toEqual(['_ga, _ga_<container-id>', 'Google Tag Manager']);
    expect(c.categories[2]?.cookies[0]).toMatchObject({ name: '_gcl_au', provider: 'Google', duration: '3 months', party: 'third' });
    expect(c.declarationVersion).toBe('2026-03-02');
    expect(c.materialVersion).toMatch(/^[0-9a-f]{8}$/);
    expect(c.endpoint).toBe('https://pledge.example/consent/receipts');
    expect(c.noticeUrl).toBe('/privacy');
    expect(c.honourGlobalPrivacyControl).toBe(true);
    expect(c.honourDoNotTrack).toBe(false);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c); // plain JSON
  });

  it('shows statistics claimed as PECR-exempt with an opt-out as on-with-opt-out', () => {
    const exempt = text.replace(
      /(      party: third\n)(    - id: google_ads)/,
      '$1      exemption: statistics\n      opt_out: true\n$2',
    ).replace(
      /(      duration: session\n      party: third\n)/,
      '$1      exemption: statistics\n      opt_out: true\n',
    );
    const c = buildBannerConfig(load(exempt));
    expect(c.categories.find((k) => k.id === 'statistics')?.mode).toBe('opt_out');
    expect(c.categories.find((k) => k.id === 'marketing')?.mode).toBe('opt_in');
    // Losing the consent requirement is a material change: the banner asks again.
    expect(c.materialVersion).not.toBe(buildBannerConfig(jet).materialVersion);
  });

  it('keeps the material version when only durations or order change, and changes it for a new cookie', () => {
    const base = buildBannerConfig(jet).materialVersion;
    expect(buildBannerConfig(load(text.replace('duration: 3 months', 'duration: 4 months'))).materialVersion).toBe(base);
    const added = text.replace('      name: _gcl_au\n', '      name: _gcl_au, _fbp\n');
    expect(buildBannerConfig(load(added)).materialVersion).not.toBe(base);
  });

  it('honours Do Not Track when declared and always includes strictly necessary', () => {
    const d = load(text.replace('honour_global_privacy_control: true', 'honour_global_privacy_control: true\n  honour_do_not_track: true'));
    const c = buildBannerConfig(d, { noticeUrl: '/cookies', declarationVersion: 'v7', lang: 'cy' });
    expect(c.honourDoNotTrack).toBe(true);
    expect(c).toMatchObject({ noticeUrl: '/cookies', declarationVersion: 'v7', lang: 'cy' });
    const { cookies: _omit, ...without } = jet;
    expect(buildBannerConfig(without as Declaration).categories).toEqual([{ id: 'strictly_necessary', mode: 'always', cookies: [] }]);
  });

  const withWording = (wording: string) => text.replace('honour_global_privacy_control: true\n', `honour_global_privacy_control: true\n  banner:\n    strings:\n${wording}`);

  it('takes the organisation\'s banner wording (English and Welsh) from cookies.banner.strings; options.strings replaces it', () => {
    const d = load(withWording('      en:\n        title: "Cookies at Jet <b>Technology</b>"\n        reject: No thanks\n      cy:\n        title: Cwcis Jet\n'));
    const c = buildBannerConfig(d);
    expect(c.strings).toEqual({ en: { title: 'Cookies at Jet <b>Technology</b>', reject: 'No thanks' }, cy: { title: 'Cwcis Jet' } });
    // Plain text, kept as written: the banner sets it as text, and the served script embeds it as JSON.
    expect(buildBannerConfig(d, { strings: { en: { title: 'Other' } } }).strings).toEqual({ en: { title: 'Other' } });
    expect(buildBannerConfig(jet).strings).toBeUndefined();
    // Wording is not what people agree to: it does not ask every visitor again.
    expect(c.materialVersion).toBe(buildBannerConfig(jet).materialVersion);
  });

  it('refuses unknown keys (naming the nearest), other languages, empty and over-long strings', () => {
    const problems = (wording: string) => parseDeclaration(withWording(wording), 'declaration.yaml').findings.map((f) => `${f.path.join('.')}: ${f.message}`);
    expect(problems('      en:\n        titel: Cookies\n').join('\n')).toMatch(/cookies\.banner\.strings\.en.*titel[\s\S]*title/);
    expect(problems('      fr:\n        title: Les cookies\n').join('\n')).toContain('fr');
    expect(problems('      en:\n        title: "  "\n').join('\n')).toContain('may not be empty');
    expect(problems(`      en:\n        accept: ${'A'.repeat(41)}\n`).join('\n')).toContain('at most 40 characters');
    expect(problems(`      en:\n        accept: ${'A'.repeat(40)}\n`)).toEqual([]);
  });

  it('knows exactly the strings the banner ships (packages/banner/src/strings.ts), each with a limit its own English fits', () => {
    const banner = readFileSync(fileURLToPath(new URL('../../../banner/src/strings.ts', import.meta.url)), 'utf8');
    for (const lang of ['en', 'cy']) {
      const block = new RegExp(`\\n  ${lang}: \\{\\n([\\s\\S]*?)\\n  \\},`).exec(banner)![1]!;
      const entries = [...block.matchAll(/^ {4}(\w+): (['"])(.*)\2,$/gm)].map((m) => [m[1]!, m[3]!] as const);
      expect(entries.map(([k]) => k).sort(), lang).toEqual([...BANNER_STRING_KEYS].sort());
      for (const [k, v] of entries) expect(v.length, `${lang}.${k}`).toBeLessThanOrEqual(BANNER_STRING_LIMITS[k as keyof typeof BANNER_STRING_LIMITS]);
    }
  });
});
