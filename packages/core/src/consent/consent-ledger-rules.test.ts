import { describe, expect, it } from 'vitest';
import { checkChildConsent } from './child-consent.js';
import { allowedNow, latestState, type ConsentTarget, type ReceiptForState } from './consent-targets.js';
import { normaliseMarketingEmail } from './marketing-email.js';
import { truncateIp } from './truncate-ip.js';

describe('truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::/48'],
    ['2001:db8::1', '2001:db8:0::/48'],
    ['fe80::1%eth0', 'fe80:0:0::/48'],
    ['::1', '0:0:0::/48'],
  ])('%s -> %s', (ip, out) => expect(truncateIp(ip)).toBe(out));
  it.each(['', 'localhost', '256.1.1.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1'])('refuses %j', (ip) => expect(truncateIp(ip)).toBeUndefined());
});

describe('normaliseMarketingEmail', () => {
  it('trims and lower-cases, nothing else', () => {
    expect(normaliseMarketingEmail('  Jo.Smith+news@Example.COM ')).toBe('jo.smith+news@example.com');
    expect(normaliseMarketingEmail('no at sign')).toBeUndefined();
  });
});

const targets: ConsentTarget[] = [
  { key: 'news', kind: 'purpose', id: 'news', name: 'News', mode: 'opt_in', directMarketing: true },
  { key: 'dm', kind: 'purpose', id: 'dm', name: 'DM', mode: 'opt_out', directMarketing: true },
  { key: 'cookie:statistics', kind: 'cookie', id: 'statistics', name: 'statistics', mode: 'opt_in', directMarketing: false },
];

describe('latestState', () => {
  it('takes the greatest recorded time, then the greatest id, whatever order receipts arrive in', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const receipts: ReceiptForState[] = [
      { id: '10', recordedAt: at, choices: { news: 'granted' as const }, method: 'api', receiptId: 'a' },
      { id: '9', recordedAt: at, choices: { news: 'refused' as const }, method: 'api', receiptId: 'b' },
      { id: '2', recordedAt: '2026-01-01T00:00:01.000Z', choices: { dm: 'refused' as const }, method: 'api', receiptId: 'c' },
      { id: '100', recordedAt: '2025-12-31T00:00:00.000Z', choices: { news: 'refused' as const, dm: 'granted' as const }, method: 'api', receiptId: 'd' },
    ];
    for (const order of [receipts, [...receipts].reverse(), [receipts[2]!, receipts[0]!, receipts[3]!, receipts[1]!]]) {
      const s = latestState(order);
      expect(s.news).toMatchObject({ state: 'granted', receiptId: 'a' });
      expect(s.dm).toMatchObject({ state: 'refused', receiptId: 'c' });
    }
  });
  it('compares ids as numbers, not strings', () => {
    const at = '2026-01-01T00:00:00.000Z';
    expect(latestState([{ id: '10', recordedAt: at, choices: { news: 'granted' }, method: 'x', receiptId: 'ten' }, { id: '9', recordedAt: at, choices: { news: 'refused' }, method: 'x', receiptId: 'nine' }]).news!.receiptId).toBe('ten');
  });
});

describe('allowedNow', () => {
  it('opt-in only when granted, opt-out unless refused, marketing never when suppressed', () => {
    expect(allowedNow(targets, {})).toEqual({ news: false, dm: true, 'cookie:statistics': false });
    const granted = { news: { state: 'granted' as const, at: '', receiptId: '', method: '' } };
    expect(allowedNow(targets, granted).news).toBe(true);
    expect(allowedNow(targets, granted, { suppressed: () => true })).toEqual({ news: false, dm: false, 'cookie:statistics': false });
  });
});

describe('checkChildConsent (Art 8)', () => {
  const rule = { age: 13, citation: 'Art 8' };
  it('needs parental evidence to grant consent under the age, never to refuse', () => {
    expect(checkChildConsent(rule, targets, { choices: { news: 'granted' }, age: 12 })?.keys).toEqual(['news']);
    expect(checkChildConsent(rule, targets, { choices: { news: 'refused', dm: 'granted' }, age: 12 })).toBeUndefined();
    expect(checkChildConsent(rule, targets, { choices: { news: 'granted' }, age: 13 })).toBeUndefined();
    expect(checkChildConsent(rule, targets, { choices: { news: 'granted' }, age: 12, parentalConsent: { method: 'signed form', reference: 'F-1' } })).toBeUndefined();
    expect(checkChildConsent(rule, targets, { choices: { news: 'granted' }, age: 12, parentalConsent: { method: ' ', reference: 'F-1' } })).toBeDefined();
    expect(checkChildConsent(undefined, targets, { choices: { news: 'granted' }, age: 5 })).toBeUndefined();
  });
});
