import { describe, expect, it } from 'vitest';
import { loadDeclaration, parseDeclaration, type SourceReader } from './load-declaration.js';

const MINIMAL = `pledge: 1
organisation:
  legal_name: Acme Widgets Ltd
  address: 1 High Street, Leeds LS1 1AA
  contact: { email: privacy@acme.example }
`;

/** A reader over an in-memory folder, so include behaviour is tested without touching the disk. */
const memory = (files: Record<string, string | Uint8Array>): SourceReader => ({
  read: (p) => {
    const f = files[p];
    if (f === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return f;
  },
  resolve: (_from, rel) => rel,
});

describe('loadDeclaration', () => {
  it('loads a minimal declaration and fills defaults', () => {
    const r = parseDeclaration(MINIMAL);
    expect(r.findings).toEqual([]);
    expect(r.declaration?.organisation.legal_name).toBe('Acme Widgets Ltd');
    expect(r.declaration?.organisation.region).toBe('england-and-wales');
    expect(r.declaration?.purposes).toEqual([]);
  });

  it('reports a YAML syntax error with its line and column and no stack trace', () => {
    const r = parseDeclaration('pledge: 1\norganisation:\n  legal_name: "unclosed\n');
    expect(r.declaration).toBeUndefined();
    expect(r.findings[0]?.ruleId).toBe('yaml-syntax');
    expect(r.findings[0]?.location?.line).toBeGreaterThanOrEqual(3);
    expect(r.findings[0]?.message).not.toMatch(/at .*\.js:\d+/);
  });

  it('suggests the nearest key for an unknown key and points at the key', () => {
    const r = parseDeclaration(MINIMAL + '  adress: somewhere\n');
    const f = r.findings.find((x) => x.ruleId === 'schema-unknown-key');
    expect(f?.message).toContain('Did you mean "address"?');
    expect(f?.location).toMatchObject({ line: 6, column: 3 });
    expect(f?.location?.lineText).toBe('  adress: somewhere');
  });

  it('names the expected type for a value of the wrong type', () => {
    const r = parseDeclaration(MINIMAL + 'purposes: { id: x }\n');
    const f = r.findings.find((x) => x.path.join('.') === 'purposes');
    expect(f?.ruleId).toBe('schema-invalid-type');
    expect(f?.message).toMatch(/expected a list, found a mapping/);
    expect(f?.location?.line).toBe(6);
  });

  it('suggests the nearest allowed value for a misspelt enum', () => {
    const r = parseDeclaration(
      MINIMAL + 'purposes:\n  - id: billing\n    name: Billing\n    subjects: []\n    data_categories: []\n    lawful_bases:\n      - basis: legitimate_interest\n',
    );
    const f = r.findings.find((x) => x.ruleId === 'schema-invalid-value');
    expect(f?.message).toContain('Did you mean "legitimate_interests"?');
    expect(f?.location?.line).toBe(12);
  });

  it('says which required key is missing', () => {
    const r = parseDeclaration('pledge: 1\norganisation: {}\n');
    const f = r.findings.find((x) => x.path.join('.') === 'organisation.legal_name');
    expect(f?.ruleId).toBe('schema-missing');
    expect(f?.message).toMatch(/organisation\.legal_name is required/);
  });

  it('rejects duplicate keys', () => {
    const r = parseDeclaration(MINIMAL + 'notice: { title: A }\nnotice: { title: B }\n');
    expect(r.findings[0]?.ruleId).toBe('yaml-syntax');
    expect(r.findings[0]?.message).toMatch(/unique|duplicate/i);
    expect(r.findings[0]?.location?.line).toBe(7);
  });

  it('stops an alias bomb quickly with a clear error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const start = performance.now();
    const r = parseDeclaration(lines.join('\n') + '\n');
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.declaration).toBeUndefined();
    expect(r.findings[0]?.ruleId).toBe('yaml-aliases');
    expect(r.findings[0]?.message).toMatch(/alias/i);
  });

  it('refuses a file that is too large, without parsing it', () => {
    const r = loadDeclaration('big.yaml', memory({ 'big.yaml': 'x'.repeat(3_000_000) }));
    expect(r.findings[0]).toMatchObject({ ruleId: 'file-too-large' });
    expect(r.findings[0]?.message).toMatch(/at most 2000000 bytes/);
  });

  it('names the first line that is not UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('pledge: 1\norganisation:\n  legal_name: Caf'), 0xe9, 0x0a]);
    const r = loadDeclaration('latin1.yaml', memory({ 'latin1.yaml': bytes }));
    expect(r.findings[0]).toMatchObject({ ruleId: 'file-encoding' });
    expect(r.findings[0]?.message).toMatch(/line 3/);
    expect(r.findings[0]?.location?.line).toBe(3);
  });

  it('explains an empty file and a file that is not a mapping', () => {
    expect(parseDeclaration('').findings[0]?.ruleId).toBe('file-empty');
    expect(parseDeclaration('- a\n- b\n').findings[0]?.message).toMatch(/must be a mapping/);
  });

  describe('includes', () => {
    const base = MINIMAL + 'include: [purposes.yaml]\nsubjects:\n  - { id: customers, name: Customers }\n';
    const purposes = 'purposes:\n  - id: billing\n    name: Billing\n    subjects: [customers]\n    data_categories: []\n    lawful_bases: [{ basis: contract }]\n';

    it('appends the lists of included files and keeps their source positions', () => {
      const r = loadDeclaration('pledge.yaml', memory({ 'pledge.yaml': base, 'purposes.yaml': purposes + '    bogus: 1\n' }));
      const f = r.findings.find((x) => x.ruleId === 'schema-unknown-key');
      expect(f?.location).toMatchObject({ file: 'purposes.yaml', line: 7, column: 5 });
      const ok = loadDeclaration('pledge.yaml', memory({ 'pledge.yaml': base, 'purposes.yaml': purposes }));
      expect(ok.findings).toEqual([]);
      expect(ok.declaration?.purposes.map((p) => p.id)).toEqual(['billing']);
      expect(ok.sourceMap.locate(['purposes', 0, 'name'])).toMatchObject({ file: 'purposes.yaml', line: 3 });
      expect(ok.files).toEqual(['pledge.yaml', 'purposes.yaml']);
    });

    it('detects an include cycle and names the chain', () => {
      const r = loadDeclaration('a.yaml', memory({ 'a.yaml': MINIMAL + 'include: [b.yaml]\n', 'b.yaml': 'include: [a.yaml]\n' }));
      const f = r.findings.find((x) => x.ruleId === 'include-cycle');
      expect(f?.message).toContain('a.yaml -> b.yaml -> a.yaml');
    });

    it('reports a missing included file at the include line', () => {
      const r = loadDeclaration('a.yaml', memory({ 'a.yaml': MINIMAL + 'include:\n  - nowhere.yaml\n' }));
      expect(r.findings[0]).toMatchObject({ ruleId: 'file-unreadable' });
      expect(r.findings[0]?.message).toMatch(/no such file/);
      expect(r.findings[0]?.location?.line).toBe(7);
    });

    it('refuses a section defined in two files', () => {
      const r = loadDeclaration('a.yaml', memory({ 'a.yaml': MINIMAL + 'include: [b.yaml]\n', 'b.yaml': 'organisation: { legal_name: Other Ltd }\n' }));
      expect(r.findings[0]).toMatchObject({ ruleId: 'include-conflict' });
      expect(r.findings[0]?.message).toMatch(/defined in both a\.yaml and b\.yaml/);
    });
  });
});

describe('hostile structure', () => {
  it('refuses YAML nested a hundred thousand levels deep with a located message', () => {
    const r = parseDeclaration('pledge: 1\norganisation: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
    expect(r.declaration).toBeUndefined();
    expect(r.findings[0]?.message).toMatch(/nested too deeply.*flatten/);
    expect(r.findings[0]?.location?.line).toBe(2);
  });
});
