import type { Block, Inline, NoticeSection } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { contactLines, countryName, joinList, joinNames, reachable } from '../words.js';

/** "Who we are": the controller, how to reach it, its DPO and representatives (Art 13(1)(a)-(b)). */
export function identitySection(scope: Scope): NoticeSection {
  const o = scope.declaration.organisation;
  const blocks: Block[] = [];
  const trading = o.trading_names?.length ? ` (trading as ${joinList(o.trading_names)})` : '';
  blocks.push({
    type: 'paragraph',
    text: `${o.legal_name}${trading} is the controller of your personal data: we decide why and how it is used. In this notice \u201cwe\u201d, \u201cus\u201d and \u201cour\u201d mean ${o.legal_name}.`,
  });
  const facts: { term: Inline; details: Inline[] }[] = [];
  if (o.company_number || o.registered_in) {
    const parts = [o.registered_in ? `Registered in ${o.registered_in}` : 'Registered company', o.company_number ? `company number ${o.company_number}` : ''].filter(Boolean);
    facts.push({ term: 'Company', details: [parts.join(', ')] });
  }
  if (o.address) facts.push({ term: 'Address', details: [o.address] });
  if (o.contact && contactLines(o.contact).length) facts.push({ term: 'Contact us', details: contactLines(o.contact) });
  if (o.ico_registration) facts.push({ term: 'ICO registration', details: [`Registered with the Information Commissioner\u2019s Office under number ${o.ico_registration}`] });
  if (o.dpo) facts.push({ term: 'Data protection officer', details: contactLines(o.dpo).length ? contactLines(o.dpo) : ['We have appointed a data protection officer.'] });
  if (o.privacy_contact && contactLines(o.privacy_contact).length) facts.push({ term: 'Privacy questions', details: contactLines(o.privacy_contact) });
  for (const r of o.representatives ?? []) {
    facts.push({ term: r.for === 'uk' ? 'Our UK representative' : 'Our EU representative', details: contactLines(r) });
  }
  if (facts.length) blocks.push({ type: 'definitions', items: facts });

  const group = scope.otherControllers.filter((c) => c.relationship === 'group_company');
  if (group.length) {
    blocks.push({ type: 'paragraph', text: 'This notice is also given by these companies in our group, which are also \u201cwe\u201d in it:' });
    blocks.push({ type: 'list', items: group.map(describeController) });
  }
  const joint = scope.otherControllers.filter((c) => c.relationship === 'joint_controller');
  if (joint.length) {
    blocks.push({ type: 'paragraph', text: 'For some purposes we decide together with another organisation how your data is used (we are joint controllers):' });
    blocks.push({
      type: 'list',
      items: joint.map((c) => {
        const purposes = scope.purposes.filter((p) => p.joint_controllers?.includes(c.id)).map((p) => p.name);
        const base = describeController(c);
        const forText = purposes.length ? `, for: ${joinNames(purposes)}` : '';
        const arrangement = c.arrangement ? ` The essence of our arrangement: ${c.arrangement}` : '';
        return `${typeof base === 'string' ? base : ''}${forText}.${arrangement}`;
      }),
    });
  }
  const covers: NoticeSection['covers'] = o.dpo && reachable(o.dpo) ? ['art13-1-a', 'art13-1-b'] : ['art13-1-a'];
  return { id: 'who-we-are', heading: 'Who we are', blocks, covers };
}

function describeController(c: { legal_name: string; company_number?: string | undefined; country?: string | undefined; contact?: { email?: string | undefined } | undefined }): string {
  const bits = [c.country ? countryName(c.country) : '', c.company_number ? `company number ${c.company_number}` : '', c.contact?.email ? `email ${c.contact.email}` : ''].filter(Boolean);
  return bits.length ? `${c.legal_name} (${bits.join(', ')})` : c.legal_name;
}
