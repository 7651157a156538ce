import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import { lintDeclaration } from '../lint/lint-declaration.js';
import { SCAFFOLD_USES, scaffoldDeclaration, type ScaffoldAnswers } from './scaffold-declaration.js';

const BASE: ScaffoldAnswers = {
  legalName: 'Acme Widgets Ltd',
  companyNumber: '01234567',
  address: '1 High Street, Leeds LS1 1AA',
  email: 'privacy@acme.example',
  icoRegistration: 'ZA123456',
  website: 'https://acme.example',
};

/** Loads the scaffold and runs every check; returns what a "pledge check" would report. */
function check(yaml: string) {
  const loaded = parseDeclaration(yaml, 'pledge.yaml');
  const lint = loaded.declaration ? lintDeclaration(loaded.declaration, { sourceMap: loaded.sourceMap }) : [];
  const show = (f: { ruleId: string; severity: string; message: string; location?: { line: number } | undefined }) => `${f.severity} ${f.ruleId} (line ${f.location?.line}): ${f.message}`;
  return { loaded, load: loaded.findings.map(show), errors: lint.filter((f) => f.severity === 'error').map(show), warnings: lint.filter((f) => f.severity === 'warning').map(show) };
}

/** Words the placeholder check rightly rejects in any value, legal names included. */
const PLACEHOLDERISH = /tbc|tbd|todo|fixme|xxx|to be|lorem|insert|\[/i;

const legalName = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
    fc
      .array(fc.constantFrom('Acme', 'O\u2019Brien', "O'Neil", '"Quoted"', 'Ltd', ':', ': x', '#', ' # not a comment', '\n', '- dash', '& Co', '{a}', '[b]', '*star', '!tag', '%', '@', '`', '|', '>', '\t', 'Ünïcödé', '株式会社', '---', '...', 'null', 'true', '1e3', '0x1F', '~'), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(' ')),
  )
  .filter((s) => s.trim() !== '' && !PLACEHOLDERISH.test(s));

describe('scaffoldDeclaration', () => {
  it('starts with the schema line for editors', () => {
    expect(scaffoldDeclaration(BASE).split('\n')[0]).toBe('# yaml-language-server: $schema=./pledge-declaration.schema.json');
  });

  it('passes every check with no errors and no warnings, for every combination of uses', () => {
    // 2^5 = 32 combinations: all of them, exhaustively.
    for (let mask = 0; mask < 1 << SCAFFOLD_USES.length; mask++) {
      const uses = SCAFFOLD_USES.filter((_u, i) => mask & (1 << i));
      const r = check(scaffoldDeclaration({ ...BASE, uses }));
      expect({ uses, load: r.load, errors: r.errors, warnings: r.warnings }).toEqual({ uses, load: [], errors: [], warnings: [] });
    }
  });

  it('declares the processing chosen, and only that', () => {
    const d = check(scaffoldDeclaration({ ...BASE, uses: ['recruitment', 'analytics_cookies'] })).loaded.declaration!;
    expect(d.purposes.map((p) => p.id)).toEqual(['enquiries', 'recruitment', 'analytics']);
    expect(d.cookies?.consent_mechanism).toBe('banner');
    expect(d.rights?.offered).toContain('withdraw_consent');
    expect(d.rights).toMatchObject({ response_period: '1 month', fee: 'free', channels: [{ type: 'email', value: 'privacy@acme.example' }] });
    expect(d.complaints).toMatchObject({ acknowledge_within: '30 days', ico: { url: 'https://ico.org.uk/make-a-complaint/' } });
    const minimal = check(scaffoldDeclaration({ legalName: 'Tiny Ltd', address: 'a', email: 'b@c.example', icoRegistration: 'ZB765432' })).loaded.declaration!;
    expect(minimal.purposes.map((p) => p.id)).toEqual(['enquiries']);
    expect(minimal.cookies).toBeUndefined();
    expect(minimal.organisation.company_number).toBeUndefined();
    expect(minimal.organisation.region).toBe('england-and-wales');
  });

  it('round-trips any answers exactly and still passes, for any uses (property)', () => {
    fc.assert(
      fc.property(
        legalName,
        fc.subarray([...SCAFFOLD_USES]),
        fc.constantFrom(undefined, 'england-and-wales', 'scotland', 'northern-ireland'),
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !PLACEHOLDERISH.test(s)),
        (name, uses, region, address) => {
          const yaml = scaffoldDeclaration({ ...BASE, legalName: name, address, email: 'a"b:#c@x.example', region, uses });
          const r = check(yaml);
          expect(r.load).toEqual([]);
          expect(r.errors).toEqual([]);
          const o = r.loaded.declaration!.organisation;
          expect(o.legal_name).toBe(name);
          expect(o.address).toBe(address);
          expect(o.contact?.email).toBe('a"b:#c@x.example');
          expect(o.region).toBe(region ?? 'england-and-wales');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the answers as given: company number with leading zeros, values that look like other YAML types', () => {
    const d = check(scaffoldDeclaration({ ...BASE, legalName: 'true', companyNumber: '00012345', icoRegistration: 'ZA123456', address: 'null' })).loaded.declaration!;
    expect(d.organisation).toMatchObject({ legal_name: 'true', company_number: '00012345', address: 'null' });
  });

  it('refuses empty required answers', () => {
    expect(() => scaffoldDeclaration({ ...BASE, legalName: '  ' })).toThrow(/legalName/);
    expect(() => scaffoldDeclaration({ ...BASE, email: '' })).toThrow(/email/);
  });
});
