import { describe, expect, it } from 'vitest';
import type { DeclarationInput } from '../../declaration/schema/declaration.js';
import { findingsOf, indexOf, lineOf, lintVariant } from './fixtures.js';

type PurposeInput = NonNullable<DeclarationInput['purposes']>[number];

/** The purpose with this id in a declaration under construction. */
const purpose = (d: DeclarationInput, id: string): PurposeInput => d.purposes!.find((p) => p.id === id)!;

describe('purpose-lawful-basis', () => {
  it('fires on a purpose with no lawful basis, at its lawful_bases line', () => {
    const v = lintVariant((d) => {
      purpose(d, 'service').lawful_bases = [];
    });
    const [f, ...rest] = findingsOf(v, 'purpose-lawful-basis');
    expect(rest).toEqual([]);
    expect(f?.path).toEqual(['purposes', indexOf('purposes', 'service'), 'lawful_bases']);
    expect(f?.message).toContain('Providing the service');
    expect(f?.location?.line).toBe(lineOf(v.yaml, 'lawful_bases: []'));
  });

  it('is silent when any basis is given', () => {
    const v = lintVariant((d) => {
      purpose(d, 'service').lawful_bases = [{ basis: 'vital_interests' }];
    });
    expect(findingsOf(v, 'purpose-lawful-basis')).toEqual([]);
  });
});

describe('legitimate-interest-stated', () => {
  it('fires on legitimate interests without the interest', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'security').lawful_bases[0]!.interest;
    });
    const found = findingsOf(v, 'legitimate-interest-stated');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'security'), 'lawful_bases', 0]]);
    expect(found[0]!.severity).toBe('error');
  });

  it('does not ask other bases for an interest', () => {
    const v = lintVariant((d) => {
      purpose(d, 'security').lawful_bases = [{ basis: 'legal_obligation', obligation: 'Network and Information Systems Regulations 2018' }];
      purpose(d, 'security').requirement = { type: 'statutory' };
    });
    expect(findingsOf(v, 'legitimate-interest-stated')).toEqual([]);
  });
});

describe('legitimate-interest-assessment', () => {
  it('warns on legitimate interests without an assessment', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'events').lawful_bases[0]!.assessment;
    });
    const found = findingsOf(v, 'legitimate-interest-assessment');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'events'), 'lawful_bases', 0]]);
    expect(found[0]!.severity).toBe('warning');
  });

  it('is silent when the assessment is referenced', () => {
    expect(findingsOf(lintVariant(), 'legitimate-interest-assessment')).toEqual([]);
  });
});

describe('recognised-interest-condition', () => {
  it('fires on a recognised legitimate interest without its Annex 1 condition', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'fraud_reporting').lawful_bases[0]!.condition;
    });
    expect(findingsOf(v, 'recognised-interest-condition').map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'fraud_reporting'), 'lawful_bases', 0]]);
  });

  it('accepts any Annex 1 condition', () => {
    const v = lintVariant((d) => {
      purpose(d, 'fraud_reporting').lawful_bases[0]!.condition = 'safeguarding';
    });
    expect(findingsOf(v, 'recognised-interest-condition')).toEqual([]);
  });
});

describe('legal-obligation-named', () => {
  it('notes, as info, a legal obligation without the law named', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'billing').lawful_bases[1]!.obligation;
    });
    const found = findingsOf(v, 'legal-obligation-named');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['purposes', indexOf('purposes', 'billing'), 'lawful_bases', 1], 'info']]);
  });
});

describe('consent-withdrawal-route', () => {
  it('fires on consent with no withdrawal route anywhere', () => {
    const v = lintVariant((d) => {
      const p = purpose(d, 'newsletter');
      delete p.lawful_bases[0]!.consent!.withdraw;
      delete p.objection;
      p.direct_marketing = false;
    });
    const found = findingsOf(v, 'consent-withdrawal-route');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'newsletter'), 'lawful_bases', 0]]);
    expect(found[0]!.message).toContain('Newsletter');
  });

  it('accepts the unsubscribe route of a direct marketing purpose', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'newsletter').lawful_bases[0]!.consent!.withdraw;
    });
    expect(findingsOf(v, 'consent-withdrawal-route')).toEqual([]);
  });

  it('accepts a general route under rights.withdraw_consent', () => {
    const v = lintVariant((d) => {
      const p = purpose(d, 'newsletter');
      delete p.lawful_bases[0]!.consent;
      delete p.objection;
      p.direct_marketing = false;
      d.rights!.withdraw_consent = 'Change your choices in the preference centre';
    });
    expect(findingsOf(v, 'consent-withdrawal-route')).toEqual([]);
  });
});

describe('consent-by-use', () => {
  it('fires on consent inferred from continued use', () => {
    const v = lintVariant((d) => {
      purpose(d, 'newsletter').lawful_bases[0]!.consent!.mechanism = 'continued_use';
    });
    expect(findingsOf(v, 'consent-by-use').map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'newsletter'), 'lawful_bases', 0, 'consent', 'mechanism']]);
  });

  it('fires on cookie consent taken from browser settings while non-exempt cookies are set', () => {
    const v = lintVariant((d) => {
      d.cookies!.consent_mechanism = 'browser_settings';
    });
    const found = findingsOf(v, 'consent-by-use');
    expect(found.map((f) => f.path)).toEqual([['cookies', 'consent_mechanism']]);
    expect(found[0]!.message).toContain('_gcl_au');
  });

  it('does not mind browser settings when every cookie is exempt', () => {
    const v = lintVariant((d) => {
      d.cookies!.consent_mechanism = 'browser_settings';
      d.cookies!.items = d.cookies!.items.filter((c) => c.category !== 'marketing');
      d.cookies!.claimed_categories = ['strictly_necessary', 'statistics'];
      d.recipients = d.recipients!.filter((r) => r.id !== 'google_ads');
    });
    expect(findingsOf(v, 'consent-by-use')).toEqual([]);
  });

  it('fires on "by using this website you consent" in any text, at that text', () => {
    const sentence = 'By using this website you consent to the collection and use of your information in accordance with this privacy policy.';
    const v = lintVariant((d) => {
      d.notice!.statements!.push(sentence);
    });
    const found = findingsOf(v, 'consent-by-use');
    expect(found.map((f) => f.path)).toEqual([['notice', 'statements', 1]]);
    expect(found[0]!.location?.line).toBe(lineOf(v.yaml, 'By using this website'));
  });

  it.each([
    'Your continued use of the website or Service after a change constitutes acceptance of the updated policy.',
    'By continuing to browse, you accept our use of cookies.',
    'If you continue to use this site we will assume that you are happy with it.',
    'By visiting our site you agree to this policy.',
  ])('fires on "%s"', (text) => {
    const v = lintVariant((d) => {
      d.changes = { statement: text };
    });
    expect(findingsOf(v, 'consent-by-use').map((f) => f.path)).toEqual([['changes', 'statement']]);
  });

  it.each([
    'We will email you before any material change takes effect.',
    'You can use this website without accepting non-essential cookies.',
    'Continued use of your account data for billing relies on our contract.',
  ])('is silent on "%s"', (text) => {
    const v = lintVariant((d) => {
      d.changes = { statement: text };
    });
    expect(findingsOf(v, 'consent-by-use')).toEqual([]);
  });
});

describe('consent-pre-ticked', () => {
  it('fires on a pre-ticked box', () => {
    const v = lintVariant((d) => {
      purpose(d, 'newsletter').lawful_bases[0]!.consent!.mechanism = 'pre_ticked';
    });
    expect(findingsOf(v, 'consent-pre-ticked').map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'newsletter'), 'lawful_bases', 0, 'consent', 'mechanism']]);
  });

  it('is silent on an opt-in', () => {
    const v = lintVariant((d) => {
      purpose(d, 'newsletter').lawful_bases[0]!.consent!.mechanism = 'opt_in';
    });
    expect(findingsOf(v, 'consent-pre-ticked')).toEqual([]);
  });
});

describe('special-category-condition', () => {
  it('fires on special category data without an Art 9 condition, naming the category', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'recruitment').special_category_condition;
    });
    const found = findingsOf(v, 'special-category-condition');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'recruitment'), 'data_categories']]);
    expect(found[0]!.message).toContain('health_information');
  });

  it('is silent with a condition that needs no Schedule 1 paragraph', () => {
    const v = lintVariant((d) => {
      purpose(d, 'recruitment').special_category_condition = { condition: 'explicit_consent' };
    });
    expect(findingsOf(v, 'special-category-condition')).toEqual([]);
    expect(findingsOf(v, 'schedule-1-condition')).toEqual([]);
  });
});

describe('schedule-1-condition', () => {
  it('fires on an Art 9(2)(b) condition without its Schedule 1 condition', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'recruitment').special_category_condition!.schedule_1;
    });
    const found = findingsOf(v, 'schedule-1-condition');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'recruitment'), 'special_category_condition']]);
    expect(found[0]!.message).toContain('Art 9(2)(b)');
  });

  it('is silent on legal claims, which needs none', () => {
    const v = lintVariant((d) => {
      purpose(d, 'recruitment').special_category_condition = { condition: 'legal_claims' };
    });
    expect(findingsOf(v, 'schedule-1-condition')).toEqual([]);
  });
});

describe('criminal-offence-condition', () => {
  it('fires on criminal offence data without a condition', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'recruitment').criminal_offence_condition;
    });
    const found = findingsOf(v, 'criminal-offence-condition');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'recruitment'), 'data_categories']]);
    expect(found[0]!.message).toContain('criminal_records');
  });

  it('is silent when the purpose does not use such data', () => {
    const v = lintVariant((d) => {
      const p = purpose(d, 'recruitment');
      delete p.criminal_offence_condition;
      p.data_categories = p.data_categories.filter((c) => c !== 'criminal_records');
      d.data_categories = d.data_categories!.filter((c) => c.id !== 'criminal_records');
    });
    expect(findingsOf(v, 'criminal-offence-condition')).toEqual([]);
  });
});

describe('marketing-objection-route', () => {
  it('fires on direct marketing with no objection route', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'newsletter').objection;
    });
    const found = findingsOf(v, 'marketing-objection-route');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'newsletter')]]);
    expect(found[0]!.location?.line).toBe(lineOf(v.yaml, 'id: newsletter'));
  });

  it('accepts rights.objection', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'newsletter').objection;
      d.rights!.objection = 'Email privacy@acme.example; we stop direct marketing at once';
    });
    expect(findingsOf(v, 'marketing-objection-route')).toEqual([]);
  });
});

describe('children-consent-age', () => {
  it('fires on consent from a subject group that includes under-13s', () => {
    const v = lintVariant((d) => {
      d.subjects!.find((s) => s.id === 'visitors')!.minimum_age = 10;
    });
    const found = findingsOf(v, 'children-consent-age');
    expect(found.map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'newsletter'), 'lawful_bases', 0]]);
    expect(found[0]!.message).toContain('10');
  });

  it('fires when the service is offered to under-13s', () => {
    const v = lintVariant((d) => {
      d.children!.minimum_age = 8;
    });
    expect(findingsOf(v, 'children-consent-age')).toHaveLength(1);
  });

  it('is silent when parental consent is described', () => {
    const v = lintVariant((d) => {
      d.children = { minimum_age: 8, parental_consent: 'A parent confirms by email and a card check' };
    });
    expect(findingsOf(v, 'children-consent-age')).toEqual([]);
  });
});

describe('requirement-stated', () => {
  it('warns on a contract purpose that does not say whether the data is required', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'service').requirement;
    });
    const found = findingsOf(v, 'requirement-stated');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['purposes', indexOf('purposes', 'service')], 'warning']]);
  });

  it('does not ask legitimate interests purposes', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'security').requirement;
    });
    expect(findingsOf(v, 'requirement-stated')).toEqual([]);
  });
});

describe('source-stated', () => {
  it('fires on a third-party source without a description', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'recruitment').sources![1]!.description;
    });
    const found = findingsOf(v, 'source-stated');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['purposes', indexOf('purposes', 'recruitment'), 'sources', 1], 'error']]);
  });

  it('notes, as info, a purpose whose data all comes from others', () => {
    const v = lintVariant((d) => {
      purpose(d, 'recruitment').sources = [{ type: 'public', description: 'LinkedIn profiles' }];
    });
    const found = findingsOf(v, 'source-stated');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['purposes', indexOf('purposes', 'recruitment'), 'sources'], 'info']]);
  });
});

describe('joint-controller-arrangement', () => {
  it('warns on a joint controller purpose naming no other controller', () => {
    const v = lintVariant((d) => {
      delete purpose(d, 'events').joint_controllers;
    });
    expect(findingsOf(v, 'joint-controller-arrangement').map((f) => f.path)).toEqual([['purposes', indexOf('purposes', 'events')]]);
  });

  it('warns on a joint controller without an arrangement', () => {
    const v = lintVariant((d) => {
      delete d.organisation.other_controllers![0]!.arrangement;
    });
    expect(findingsOf(v, 'joint-controller-arrangement').map((f) => f.path)).toEqual([['organisation', 'other_controllers', 0]]);
  });

  it('does not ask a group company for an arrangement', () => {
    const v = lintVariant((d) => {
      d.organisation.other_controllers!.push({ id: 'acme_inc', legal_name: 'Acme Inc', relationship: 'group_company' });
    });
    expect(findingsOf(v, 'joint-controller-arrangement')).toEqual([]);
  });
});

describe('automated-decision-info', () => {
  it('fires on an automated decision without its logic', () => {
    const v = lintVariant((d) => {
      delete d.automated_decisions![0]!.logic;
    });
    const found = findingsOf(v, 'automated-decision-info');
    expect(found.map((f) => f.path)).toEqual([['automated_decisions', 0]]);
    expect(found[0]!.message).toContain('logic');
    expect(found[0]!.message).not.toContain('significance');
  });
});
