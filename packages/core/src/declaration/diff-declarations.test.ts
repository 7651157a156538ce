import { describe, expect, it } from 'vitest';
import { diffDeclarations } from './diff-declarations.js';
import { parseDeclaration } from './load-declaration.js';
import type { Declaration } from './schema/declaration.js';

const BASE = `pledge: 1
organisation: { legal_name: Acme Ltd, address: 1 High St, contact: { email: privacy@acme.example } }
notice: { introduction: We look after your data. }
subjects: [{ id: customers, name: Customers }]
data_categories:
  - { id: contact, name: Contact details, examples: [name, email] }
purposes:
  - id: enquiries
    name: Answering enquiries
    subjects: [customers]
    data_categories: [contact]
    lawful_bases: [{ basis: legitimate_interests, interest: answering questions, assessment: LIA-1 }]
    recipients: [aws]
recipients:
  - { id: aws, name: AWS, kind: processor, locations: [DE], contract: AWS DPA }
retention:
  - { id: enquiries, name: enquiries, purposes: [enquiries], period: 24 months, from: last_contact }
`;

const load = (text: string): Declaration => {
  const r = parseDeclaration(text);
  expect(r.findings).toEqual([]);
  return r.declaration!;
};

describe('diffDeclarations', () => {
  it('finds no change between equal declarations', () => {
    const d = diffDeclarations(load(BASE), load(BASE));
    expect(d).toEqual({ changes: [], isMaterial: false, summary: [] });
  });

  it('reports an added recipient with its locations and a retention change, both material', () => {
    const after = load(
      BASE.replace('period: 24 months', 'period: 12 months').replace(
        '  - { id: aws, name: AWS, kind: processor, locations: [DE], contract: AWS DPA }',
        '  - { id: aws, name: AWS, kind: processor, locations: [DE], contract: AWS DPA }\n  - { id: hubspot, name: HubSpot Inc., kind: processor, locations: [US], contract: HubSpot DPA }',
      ),
    );
    const d = diffDeclarations(load(BASE), after);
    expect(d.isMaterial).toBe(true);
    expect(d.summary).toEqual(['Added recipient HubSpot Inc. (US)', 'Retention for enquiries changed from 24 months to 12 months']);
    const retention = d.changes.find((c) => c.section === 'retention')!;
    expect(retention).toMatchObject({ id: 'enquiries', kind: 'changed', material: true, fields: [{ field: 'period', before: '24 months', after: '12 months' }] });
  });

  it('treats wording-only changes to the notice and names as not material', () => {
    const after = load(BASE.replace('We look after your data.', 'We take care of your data.').replace('name: Answering enquiries', 'name: Replying to enquiries'));
    const d = diffDeclarations(load(BASE), after);
    expect(d.isMaterial).toBe(false);
    expect(d.changes.map((c) => [c.section, c.id, c.kind, c.material])).toEqual([
      ['purposes', 'enquiries', 'changed', false],
      ['notice', 'notice', 'changed', false],
    ]);
    expect(d.summary).toEqual(['Changed purpose Replying to enquiries: name', 'Changed notice text: introduction']);
  });

  it('treats lawful bases, data categories and transfers as material and says what changed', () => {
    const after = load(
      BASE.replace('lawful_bases: [{ basis: legitimate_interests, interest: answering questions, assessment: LIA-1 }]', 'lawful_bases: [{ basis: consent, consent: { mechanism: opt_in } }]'),
    );
    const d = diffDeclarations(load(BASE), after);
    expect(d.isMaterial).toBe(true);
    expect(d.summary).toEqual(['Lawful basis for Answering enquiries changed from legitimate interests to consent']);

    const moved = diffDeclarations(load(BASE), load(BASE.replace('locations: [DE]', 'locations: [DE, US]')));
    expect(moved.summary).toEqual(['Locations of recipient AWS changed from DE to DE, US']);
    expect(moved.isMaterial).toBe(true);

    const contractOnly = diffDeclarations(load(BASE), load(BASE.replace('contract: AWS DPA', 'contract: AWS DPA 2026')));
    expect(contractOnly.isMaterial).toBe(false);
  });

  it('reports removed items and puts material changes first', () => {
    const after = load(BASE.replace('notice: { introduction: We look after your data. }', 'notice: { introduction: Hello. }').replace(/retention:\n.*\n/, ''));
    const d = diffDeclarations(load(BASE), after);
    expect(d.changes[0]).toMatchObject({ section: 'retention', kind: 'removed', material: true, summary: 'Removed retention rule enquiries' });
    expect(d.changes[1]).toMatchObject({ section: 'notice', material: false });
  });

  it('adds and removes whole sections, and keeps items with a repeated id apart', () => {
    const before = load(BASE);
    const after = load(`${BASE}data_residency: { default: EU }\n`);
    expect(diffDeclarations(before, after).changes).toMatchObject([{ section: 'data_residency', kind: 'added', material: true }]);
    const twice = structuredClone(before);
    twice.recipients.push({ ...twice.recipients[0]!, name: 'AWS again' });
    expect(diffDeclarations(before, twice).summary).toEqual(['Added recipient AWS again (DE)']);
  });
});
