import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { consentTargets, withCookiePurposes } from './consent-targets.js';
import { gpcRefusedCategories, gpcRefusedTargetKeys, honoursGlobalPrivacyControl } from './gpc.js';

const text = readFileSync(fileURLToPath(new URL('../../../../examples/jet-technology/corrected/declaration.yaml', import.meta.url)), 'utf8');

function load(yaml: string): Declaration {
  const r = parseDeclaration(yaml, 'declaration.yaml');
  if (!r.declaration) throw new Error(JSON.stringify(r.findings));
  return r.declaration;
}

describe('Global Privacy Control', () => {
  it('refuses every category that needs consent (Jet Technology: statistics and marketing)', () => {
    const d = load(text);
    expect(honoursGlobalPrivacyControl(d)).toBe(true);
    expect(gpcRefusedCategories(d)).toEqual(['statistics', 'marketing']);
  });

  it('leaves statistics claimed exempt with an opt-out on (the exemption does not rest on consent)', () => {
    const d = load(
      text
        .replace('      category: statistics\n      purpose: Google Analytics', '      category: statistics\n      exemption: statistics\n      opt_out: true\n      purpose: Google Analytics')
        .replace('      category: statistics\n      purpose: Loads the Google Analytics', '      category: statistics\n      exemption: statistics\n      opt_out: true\n      purpose: Loads the Google Analytics'),
    );
    expect(gpcRefusedCategories(d)).toEqual(['marketing']);
  });

  it('refuses nothing when the declaration says it does not honour GPC, and is honoured when it is silent', () => {
    expect(gpcRefusedCategories(load(text.replace('honour_global_privacy_control: true', 'honour_global_privacy_control: false')))).toEqual([]);
    const silent = load(text.replace('  honour_global_privacy_control: true\n', ''));
    expect(honoursGlobalPrivacyControl(silent)).toBe(true);
    expect(gpcRefusedCategories(silent)).toEqual(['statistics', 'marketing']);
  });
});

describe('Global Privacy Control and the consent ledger', () => {
  it('refuses the cookie categories, which the purposes consented to through the cookie banner follow; not email marketing', () => {
    const d = load(text);
    expect(gpcRefusedTargetKeys(d)).toEqual(['cookie:statistics', 'cookie:marketing']);
    // The Jet "cookies" purpose is refused under the same keys the banner grants it with.
    const refused = withCookiePurposes(consentTargets(d), Object.fromEntries(gpcRefusedTargetKeys(d).map((k) => [k, 'refused' as const])));
    expect(refused).toEqual({ 'cookie:statistics': 'refused', 'cookie:marketing': 'refused', cookies: 'refused' });
    expect(gpcRefusedTargetKeys(load(text))).not.toContain('direct_marketing');
    expect(gpcRefusedTargetKeys(load(text.replace('honour_global_privacy_control: true', 'honour_global_privacy_control: false')))).toEqual([]);
  });
});
