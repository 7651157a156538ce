import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
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
});
