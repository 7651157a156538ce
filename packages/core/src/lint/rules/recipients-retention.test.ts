import { describe, expect, it } from 'vitest';
import type { DeclarationInput } from '../../declaration/schema/declaration.js';
import { cleanDeclaration, findingsOf, indexOf, lineOf, lintVariant } from './fixtures.js';

type RecipientInput = NonNullable<DeclarationInput['recipients']>[number];

const recipient = (d: DeclarationInput, id: string): RecipientInput => d.recipients!.find((r) => r.id === id)!;

describe('transfer-safeguard', () => {
  it('fires on a recipient in a country without adequacy and no safeguard', () => {
    const v = lintVariant((d) => {
      delete recipient(d, 'support_desk').safeguard;
    });
    const found = findingsOf(v, 'transfer-safeguard');
    expect(found.map((f) => f.path)).toEqual([['recipients', indexOf('recipients', 'support_desk'), 'locations']]);
    expect(found[0]!.message).toContain('IN');
  });

  it('fires on a US recipient that is neither DPF certified nor safeguarded', () => {
    const v = lintVariant((d) => {
      const r = recipient(d, 'crm');
      delete r.safeguard;
      r.dpf_certified = false;
    });
    const found = findingsOf(v, 'transfer-safeguard');
    expect(found.map((f) => f.path)).toEqual([['recipients', indexOf('recipients', 'crm'), 'locations']]);
    expect(found[0]!.message).toContain('dpf_certified');
  });

  it('fires on adequacy claimed for a country that has none', () => {
    const v = lintVariant((d) => {
      recipient(d, 'support_desk').safeguard = { mechanism: 'adequacy' };
    });
    expect(findingsOf(v, 'transfer-safeguard').map((f) => f.path)).toEqual([['recipients', indexOf('recipients', 'support_desk'), 'safeguard']]);
  });

  it('fires on WORLDWIDE without a safeguard', () => {
    const v = lintVariant((d) => {
      recipient(d, 'hosting').locations = ['DE', 'WORLDWIDE'];
    });
    expect(findingsOf(v, 'transfer-safeguard').map((f) => f.path)).toEqual([['recipients', indexOf('recipients', 'hosting'), 'locations']]);
  });

  it('accepts a DPF certified US recipient with no other safeguard, and an Art 49 derogation', () => {
    const v = lintVariant((d) => {
      delete recipient(d, 'crm').safeguard;
      recipient(d, 'support_desk').safeguard = { mechanism: 'derogation', derogation: 'Art 49(1)(b): necessary for the contract' };
    });
    expect(findingsOf(v, 'transfer-safeguard')).toEqual([]);
  });
});

describe('us-transfer-dpf', () => {
  it('fires on the DPF UK Extension claimed for a recipient not marked certified', () => {
    const v = lintVariant((d) => {
      delete recipient(d, 'crm').dpf_certified;
    });
    const found = findingsOf(v, 'us-transfer-dpf');
    expect(found.map((f) => f.path)).toEqual([['recipients', indexOf('recipients', 'crm'), 'safeguard', 'mechanism']]);
    expect(findingsOf(v, 'transfer-safeguard')).toEqual([]);
  });

  it('fires on "adequacy" for an uncertified US recipient, without a second report from transfer-safeguard', () => {
    const v = lintVariant((d) => {
      const r = recipient(d, 'crm');
      r.safeguard = { mechanism: 'adequacy' };
      r.dpf_certified = false;
    });
    expect(findingsOf(v, 'us-transfer-dpf')).toHaveLength(1);
    expect(findingsOf(v, 'transfer-safeguard')).toEqual([]);
  });

  it('accepts adequacy for a certified US recipient', () => {
    const v = lintVariant((d) => {
      recipient(d, 'crm').safeguard = { mechanism: 'adequacy' };
    });
    expect(findingsOf(v, 'us-transfer-dpf')).toEqual([]);
  });
});

describe('eu-sccs-without-addendum', () => {
  it('fires on EU SCCs alone', () => {
    const v = lintVariant((d) => {
      recipient(d, 'support_desk').safeguard = { mechanism: 'eu_sccs', copy: 'On request' };
    });
    const found = findingsOf(v, 'eu-sccs-without-addendum');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['recipients', indexOf('recipients', 'support_desk'), 'safeguard', 'mechanism'], 'error']]);
    expect(found[0]!.location?.line).toBe(lineOf(v.yaml, 'mechanism: eu_sccs'));
  });

  it('only warns where every location is adequate anyway', () => {
    const v = lintVariant((d) => {
      recipient(d, 'hosting').safeguard = { mechanism: 'eu_sccs' };
    });
    expect(findingsOf(v, 'eu-sccs-without-addendum').map((f) => f.severity)).toEqual(['warning']);
  });

  it('accepts the UK Addendum', () => {
    const v = lintVariant((d) => {
      recipient(d, 'support_desk').safeguard = { mechanism: 'uk_addendum', copy: 'On request' };
    });
    expect(findingsOf(v, 'eu-sccs-without-addendum')).toEqual([]);
  });
});

describe('transfer-safeguard-copy', () => {
  it('warns on an IDTA without a way to get a copy', () => {
    const v = lintVariant((d) => {
      delete recipient(d, 'support_desk').safeguard!.copy;
    });
    const found = findingsOf(v, 'transfer-safeguard-copy');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['recipients', indexOf('recipients', 'support_desk'), 'safeguard'], 'warning']]);
  });

  it('does not ask for a copy of a derogation', () => {
    const v = lintVariant((d) => {
      recipient(d, 'support_desk').safeguard = { mechanism: 'derogation', derogation: 'Art 49(1)(a) explicit consent' };
    });
    expect(findingsOf(v, 'transfer-safeguard-copy')).toEqual([]);
  });
});

describe('processor-contract', () => {
  it('fires on a processor without a contract', () => {
    const v = lintVariant((d) => {
      delete recipient(d, 'hosting').contract;
    });
    expect(findingsOf(v, 'processor-contract').map((f) => f.path)).toEqual([['recipients', indexOf('recipients', 'hosting')]]);
  });

  it('does not ask an independent controller for a processor contract', () => {
    const v = lintVariant((d) => {
      delete recipient(d, 'google_ads').contract;
    });
    expect(findingsOf(v, 'processor-contract')).toEqual([]);
  });
});

describe('processor-activity-contract', () => {
  it('fires on a processor activity without a contract', () => {
    const v = lintVariant((d) => {
      delete d.processor_activities![0]!.contract;
    });
    expect(findingsOf(v, 'processor-activity-contract').map((f) => f.path)).toEqual([['processor_activities', 0]]);
  });
});

describe('recipient-unused', () => {
  it('warns on a recipient nothing refers to', () => {
    const v = lintVariant((d) => {
      d.recipients!.push({ id: 'old_crm', name: 'Old CRM Ltd', kind: 'processor', contract: 'DPA 2019', locations: ['GB'] });
    });
    const found = findingsOf(v, 'recipient-unused');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['recipients', cleanDeclaration().recipients!.length], 'warning']]);
    expect(found[0]!.message).toContain('Old CRM Ltd');
  });

  it('counts subprocessors and cookie recipients as uses', () => {
    // hosting is used by a purpose and as a subprocessor; google_ads only by a cookie.
    const v = lintVariant((d) => {
      const service = d.purposes!.find((p) => p.id === 'service')!;
      service.recipients = ['support_desk'];
    });
    expect(findingsOf(v, 'recipient-unused')).toEqual([]);
  });
});

describe('retention-missing', () => {
  it('fires per purpose on categories no retention rule covers, naming them', () => {
    const v = lintVariant((d) => {
      d.retention = d.retention!.filter((r) => r.id !== 'accounts' && r.id !== 'security_logs');
    });
    const found = findingsOf(v, 'retention-missing');
    expect(found.map((f) => f.path)).toEqual([
      ['purposes', indexOf('purposes', 'service'), 'data_categories'],
      ['purposes', indexOf('purposes', 'security'), 'data_categories'],
    ]);
    expect(found[0]!.message).toContain('Usage data');
    expect(found[0]!.message).toContain('Providing the service');
    expect(found[1]!.message).toContain('Keeping the service secure');
  });

  it('counts a rule listing the category directly, but not a rule for another purpose', () => {
    const v = lintVariant((d) => {
      d.retention = d.retention!.filter((r) => r.id !== 'accounts');
    });
    const found = findingsOf(v, 'retention-missing');
    // usage_data is covered by security_logs (a rule for the category in every purpose); contact details for the service are not.
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'service'), 'data_categories']]);
    expect(found[0]!.message).toContain('Contact details');
    expect(found[0]!.message).not.toContain('Usage data');
  });

  it('leaves categories used only for processor activities to the customer', () => {
    const v = lintVariant();
    expect(v.yaml).toContain('learner_records');
    expect(findingsOf(v, 'retention-missing')).toEqual([]);
  });
});

describe('retention-period-format', () => {
  it('fires on a period that is not a number and a unit, at its line', () => {
    const v = lintVariant((d) => {
      d.retention!.find((r) => r.id === 'invoices')!.period = 'six yrs';
    });
    const found = findingsOf(v, 'retention-period-format');
    expect(found.map((f) => f.path)).toEqual([['retention', indexOf('retention', 'invoices'), 'period']]);
    expect(found[0]!.location?.line).toBe(lineOf(v.yaml, 'period: six yrs'));
  });

  it('leaves "TBC" to placeholder-value', () => {
    const v = lintVariant((d) => {
      d.retention!.find((r) => r.id === 'invoices')!.period = 'TBC';
    });
    expect(findingsOf(v, 'retention-period-format')).toEqual([]);
    expect(findingsOf(v, 'placeholder-value').map((f) => f.path)).toEqual([['retention', indexOf('retention', 'invoices'), 'period']]);
  });

  it('checks the deletion time promised for processor activities', () => {
    const v = lintVariant((d) => {
      d.processor_activities![0]!.deletion_on_instruction = 'promptly';
    });
    expect(findingsOf(v, 'retention-period-format').map((f) => f.path)).toEqual([['processor_activities', 0, 'deletion_on_instruction']]);
  });
});

describe('retention-period-or-criteria', () => {
  it('fires on a rule with neither period nor criteria', () => {
    const v = lintVariant((d) => {
      delete d.retention!.find((r) => r.id === 'marketing')!.criteria;
    });
    expect(findingsOf(v, 'retention-period-or-criteria').map((f) => f.path)).toEqual([['retention', indexOf('retention', 'marketing')]]);
  });

  it('accepts criteria alone', () => {
    const v = lintVariant((d) => {
      const r = d.retention!.find((x) => x.id === 'invoices')!;
      delete r.period;
      r.criteria = 'Six years after the end of the financial year they relate to';
    });
    expect(findingsOf(v, 'retention-period-or-criteria')).toEqual([]);
  });
});

describe('data-category-unused', () => {
  it('warns on a category no purpose or processor activity uses, even if a retention rule lists it', () => {
    const v = lintVariant((d) => {
      d.data_categories!.push({ id: 'photos', name: 'Photographs' });
      d.retention!.push({ id: 'photos', data_categories: ['photos'], period: '1 year' });
    });
    const found = findingsOf(v, 'data-category-unused');
    expect(found.map((f) => f.path)).toEqual([['data_categories', cleanDeclaration().data_categories!.length]]);
    expect(found[0]!.message).toContain('Photographs');
  });
});

describe('subject-unused', () => {
  it('warns on a subject group no purpose or processor activity concerns', () => {
    const v = lintVariant((d) => {
      d.subjects!.push({ id: 'suppliers', name: 'Supplier contacts' });
    });
    expect(findingsOf(v, 'subject-unused').map((f) => [f.path, f.severity])).toEqual([[['subjects', cleanDeclaration().subjects!.length], 'warning']]);
  });

  it('counts processor activities', () => {
    const v = lintVariant((d) => {
      // learners are concerned by the events purpose and the processor activity; leave only the latter.
      d.purposes!.find((p) => p.id === 'events')!.subjects = ['customers'];
    });
    expect(findingsOf(v, 'subject-unused')).toEqual([]);
  });
});
