import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDuration } from '../../law/duration.js';
import { rules } from './index.js';
import { lintVariant } from './fixtures.js';

/** The ids other engineers' examples and tests rely on. */
const REQUIRED_IDS = [
  'purpose-lawful-basis', 'legitimate-interest-stated', 'legitimate-interest-assessment', 'recognised-interest-condition', 'legal-obligation-named',
  'consent-withdrawal-route', 'consent-by-use', 'consent-pre-ticked', 'special-category-condition', 'schedule-1-condition', 'criminal-offence-condition',
  'transfer-safeguard', 'us-transfer-dpf', 'eu-sccs-without-addendum', 'transfer-safeguard-copy', 'retention-missing', 'retention-period-format',
  'retention-period-or-criteria', 'access-fee', 'response-period', 'extension-period', 'cookie-consent', 'cookie-statistics-opt-out',
  'cookie-category-mismatch', 'cookie-exemption-invalid', 'cookie-claim-mismatch', 'marketing-objection-route', 'children-consent-age',
  'controller-identity', 'ico-complaint-route', 'ico-registration', 'processor-contract', 'recipient-unused', 'rights-listed', 'requirement-stated',
  'source-stated', 'automated-decision-info', 'dpo-contact', 'security-measures', 'complaints-handling', 'data-category-unused', 'subject-unused',
  'joint-controller-arrangement', 'processor-activity-contract',
];

describe('the rule registry', () => {
  it('has at least 40 rules with unique kebab-case ids', () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('contains every rule id the examples rely on', () => {
    const ids = new Set(rules.map((r) => r.id));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s documents itself', (_id, rule) => {
    expect(rule.title.trim().length).toBeGreaterThan(10);
    expect(rule.citation.trim().length).toBeGreaterThan(5);
    expect(rule.description.trim().length).toBeGreaterThan(80);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    if (rule.example !== undefined) expect(() => parse(rule.example!)).not.toThrow();
  });

  it('gives every new rule an example', () => {
    for (const id of REQUIRED_IDS) expect(rules.find((r) => r.id === id)?.example, id).toBeTruthy();
  });
});

describe('the clean fixture', () => {
  it('passes every rule with no finding at all', () => {
    const { findings } = lintVariant();
    expect(findings.map((f) => `${f.ruleId} at ${f.path.join('.')}: ${f.message}`)).toEqual([]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30 days', 30, 'day'],
    ['1 day', 1, 'day'],
    ['1 month', 1, 'month'],
    ['24 months', 24, 'month'],
    ['6 years', 6, 'year'],
    ['2 weeks', 2, 'week'],
    ['One Month', 1, 'month'],
    ['two months', 2, 'month'],
    ['twelve months', 12, 'month'],
    ['  7 YEARS ', 7, 'year'],
    ['1 calendar month', 1, 'month'],
    ['3 month(s)', 3, 'month'],
  ] as const)('reads "%s"', (text, amount, unit) => {
    expect(parseDuration(text)).toEqual({ amount, unit });
  });

  it.each(['TBC', 'session', '1.5 years', 'a while', 'thirteen months', '30 working days', '30', 'days', '6 years after the contract ends', ''])(
    'rejects "%s"',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});
