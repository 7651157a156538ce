import type { Declaration } from '../declaration/schema/declaration.js';
import type { Purpose } from '../declaration/schema/processing.js';
import { COVERAGE_ITEMS } from './coverage-items.js';
import type { CoverageItem, CoverageReport } from './coverage-report.js';
import type { CoverageItemId } from './notice-model.js';
import { renderNotice } from './render-notice.js';
import { scopeDeclaration, type Scope } from './scope-declaration.js';
import { collectsFromSubject, hasIndirectSource } from './sections/data-section.js';
import { objectable } from './sections/purposes-section.js';
import { uncoveredCategories } from '../declaration/retention-coverage.js';
import { usesConsent, withdrawRoute } from './sections/rights-section.js';
import { safeguardCopyMissing, safeguardMissing, transferRecipients } from './sections/sharing-section.js';
import { countryName, joinList, reachable } from './words.js';

export interface CheckCoverageOptions {
  /** A subject id: check the notice rendered for that group. Default: the notice for everyone. */
  audience?: string;
}

/** What an item needs: whether it applies (and why), and what is missing from the declaration if anything. */
interface Judgement {
  applies: boolean;
  why: string;
  problem?: string;
}

const named = (ps: readonly Purpose[]): string => joinList(ps.map((p) => `${p.name} (purpose ${p.id})`));

/** The sections of a rendered HTML notice and the items each declares in data-covers. */
export function readCoveredSections(html: string): Map<CoverageItemId, string[]> {
  const covered = new Map<CoverageItemId, string[]>();
  for (const m of html.matchAll(/<section id="([^"]*)"[^>]*?\sdata-covers="([^"]*)"/g)) {
    for (const id of m[2]!.split(' ').filter(Boolean) as CoverageItemId[]) {
      covered.set(id, [...(covered.get(id) ?? []), m[1]!]);
    }
  }
  return covered;
}

function judge(id: CoverageItemId, s: Scope, covered: Map<CoverageItemId, string[]>): Judgement {
  const d = s.declaration;
  const o = d.organisation;
  const who = s.audience ? ` concerns ${s.audience.name}` : ' is declared';
  switch (id) {
    case 'art13-1-a':
      return {
        applies: true,
        why: 'every notice must say who the controller is and how to contact it',
        ...(reachable(o.contact) || o.address ? {} : { problem: `The notice gives no way to contact ${o.legal_name}. Add organisation.contact with an email, phone or postal address.` }),
      };
    case 'art13-1-b':
      if (!o.dpo) return { applies: false, why: 'no DPO is declared (organisation.dpo)' };
      return {
        applies: true,
        why: 'a data protection officer is declared',
        ...(reachable(o.dpo) ? {} : { problem: 'The notice gives no contact details for the DPO. Add an email, phone or address to organisation.dpo.' }),
      };
    case 'art13-1-c': {
      if (!s.purposes.length) return { applies: true, why: 'every notice must state its purposes', problem: `No purpose${who}. Add purposes with their lawful bases.` };
      const bare = s.purposes.filter((p) => !p.lawful_bases.length);
      return {
        applies: true,
        why: 'every notice must state its purposes and the lawful basis for each',
        ...(bare.length ? { problem: `The notice states no lawful basis for: ${named(bare)}. Add lawful_bases to ${bare.length > 1 ? 'them' : 'it'}.` } : {}),
      };
    }
    case 'art13-1-d': {
      const li = s.purposes.filter((p) => p.lawful_bases.some((b) => b.basis === 'legitimate_interests'));
      if (!li.length) return { applies: false, why: 'no purpose relies on legitimate interests' };
      const bare = li.filter((p) => p.lawful_bases.some((b) => b.basis === 'legitimate_interests' && !b.interest));
      return {
        applies: true,
        why: `${named(li)} rel${li.length > 1 ? 'y' : 'ies'} on legitimate interests`,
        ...(bare.length ? { problem: `The notice does not state the legitimate interest for: ${named(bare)}. Add "interest" to the legitimate_interests basis.` } : {}),
      };
    }
    case 'art13-1-e':
      return s.recipients.length ? { applies: true, why: `${s.recipients.length} recipient${s.recipients.length > 1 ? 's are' : ' is'} declared` } : { applies: false, why: `no recipient${who}` };
    case 'art13-1-f': {
      const abroad = transferRecipients(s);
      if (!abroad.length) return { applies: false, why: 'no recipient processes data outside the UK' };
      const where = (r: (typeof abroad)[number]) => `${r.name} (recipient ${r.id}, ${joinList((r.locations ?? []).filter((l) => l !== 'GB').map(countryName))})`;
      const bare = abroad.filter(safeguardMissing);
      const noCopy = abroad.filter(safeguardCopyMissing);
      const problems: string[] = [];
      if (bare.length) {
        problems.push(`The notice names no safeguard for transfers to: ${joinList(bare.map(where))}. Add a safeguard (idta, uk_addendum, bcr or derogation) to the recipient, or set dpf_certified for a certified US recipient.`);
      }
      if (noCopy.length) {
        problems.push(
          `The notice does not say how to get a copy of the safeguard for transfers to: ${joinList(noCopy.map((r) => `${where(r)}, ${r.safeguard!.mechanism}`))}. Add safeguard.copy to ${noCopy.length > 1 ? 'each recipient' : 'the recipient'}: Art 13(1)(f) requires the means to obtain a copy.`,
        );
      }
      return {
        applies: true,
        why: `${joinList(abroad.map((r) => r.name))} process${abroad.length > 1 ? '' : 'es'} data outside the UK`,
        ...(problems.length ? { problem: problems.join(' ') } : {}),
      };
    }
    case 'art13-2-a': {
      if (!s.purposes.length) return { applies: false, why: `no purpose${who}` };
      // The same test as the retention-missing check, but a placeholder period ("TBC") tells people nothing, so it does not count here.
      const gaps = s.purposes
        .map((p) => ({ p, missing: uncoveredCategories(p, s.retention, true) }))
        .filter((g) => g.missing.length > 0);
      const describe = (g: (typeof gaps)[number]) => `${g.p.name} (purpose ${g.p.id}: ${g.missing.join(', ')})`;
      return {
        applies: true,
        why: 'every purpose needs a retention period or criteria for each kind of data it uses',
        ...(gaps.length
          ? { problem: `The notice states no retention period or criteria for: ${joinList(gaps.map(describe))}. Add a retention rule covering ${gaps.length > 1 ? 'them' : 'it'}, with a real period or criteria.` }
          : {}),
      };
    }
    case 'art13-2-b':
      return { applies: true, why: 'every notice must explain the rights people have' };
    case 'art13-2-c': {
      const consent = s.purposes.filter(usesConsent);
      if (!consent.length) return { applies: false, why: 'no purpose relies on consent' };
      const bare = consent.filter((p) => !withdrawRoute(p, d.rights));
      return {
        applies: true,
        why: `${named(consent)} rel${consent.length > 1 ? 'y' : 'ies'} on consent`,
        ...(bare.length
          ? {
              problem: `The notice does not say how to withdraw consent for: ${named(bare)}. Add consent.withdraw to the consent basis, or rights.withdraw_consent${bare.some((p) => p.direct_marketing) ? ', or (for direct marketing) the purpose\'s objection' : ''}.`,
            }
          : {}),
      };
    }
    case 'art13-2-d':
      return { applies: true, why: 'every notice must tell people they can complain to the ICO' };
    case 'art13-2-e': {
      const direct = s.purposes.filter(collectsFromSubject);
      if (!direct.length) return { applies: false, why: 'no purpose collects data from the person themselves' };
      const bare = direct.filter((p) => !p.requirement);
      const noConsequence = direct.filter((p) => p.requirement && p.requirement.type !== 'none' && p.requirement.obligatory !== false && !p.requirement.consequence);
      const problems: string[] = [];
      if (bare.length) problems.push(`The notice does not say whether people must give the data for: ${named(bare)}. Add requirement (type: statutory, contractual, contract_precondition or none) with the consequence of not giving it.`);
      if (noConsequence.length) problems.push(`The notice does not say what happens if people do not give the data for: ${named(noConsequence)}. Add requirement.consequence.`);
      return { applies: true, why: 'data is collected from the person themselves (Art 13)', ...(problems.length ? { problem: problems.join(' ') } : {}) };
    }
    case 'art13-2-f': {
      if (!s.automatedDecisions.length) return { applies: false, why: 'no automated decisions are declared; the notice says none are made' };
      const bare = s.automatedDecisions.filter((a) => !a.logic || !a.significance);
      return {
        applies: true,
        why: `automated decisions are declared: ${joinList(s.automatedDecisions.map((a) => a.name))}`,
        ...(bare.length
          ? { problem: `The notice does not explain the logic and significance of: ${joinList(bare.map((a) => `${a.name} (automated decision ${a.id})`))}. Add "logic" and "significance".` }
          : {}),
      };
    }
    case 'art14-1-d':
    case 'art14-2-f': {
      const indirect = s.purposes.filter(hasIndirectSource);
      if (!indirect.length) return { applies: false, why: 'all data is collected from the person themselves (no purpose has a source other than data_subject)' };
      const why = `data for ${named(indirect)} comes from a source other than the person (Art 14)`;
      if (id === 'art14-1-d') {
        const bare = indirect.filter((p) => !p.data_categories.length);
        return { applies: true, why, ...(bare.length ? { problem: `The notice names no categories of data for: ${named(bare)}. Add data_categories.` } : {}) };
      }
      const vague = indirect.filter((p) => (p.sources ?? []).some((src) => (src.type === 'third_party' || src.type === 'public') && !src.description));
      return {
        applies: true,
        why,
        ...(vague.length ? { problem: `The notice does not name the source for: ${named(vague)}. Add a description to each third_party or public source.` } : {}),
      };
    }
    case 'art21-4': {
      const ps = s.purposes.filter((p) => objectable(p) || p.direct_marketing);
      if (!ps.length) return { applies: false, why: 'no purpose relies on legitimate interests or a public task, or is direct marketing' };
      const sections = covered.get('art21-4') ?? [];
      return {
        applies: true,
        why: `${named(ps)} can be objected to (Art 21(1)-(2))`,
        ...(sections.length && sections.every((sec) => [...covered.entries()].every(([other, list]) => other === 'art21-4' || !list.includes(sec))) ? {} : { problem: 'The right to object is not shown in a section of its own.' }),
      };
    }
  }
}

/**
 * Checks that the notice rendered for an audience (default everyone) tells every item UK GDPR Arts 13, 14 and 21(4)
 * require: reads the data-covers sections of the rendered HTML and checks each item's content is really there.
 * @throws UnknownAudienceError when `audience` is not a declared subject id.
 */
export function checkCoverage(declaration: Declaration, options: CheckCoverageOptions = {}): CoverageReport {
  const scope = scopeDeclaration(declaration, options.audience);
  const html = renderNotice(declaration, { format: 'html', audience: options.audience });
  const covered = readCoveredSections(html);
  // A group whose data is processed only as a processor (Art 28) is owed its notice by the customer, who is the controller.
  const processorOnly = scope.audience !== undefined && scope.purposes.length === 0 && scope.processorActivities.length > 0;
  const items = COVERAGE_ITEMS.map((item): CoverageItem => {
    const j: Judgement = processorOnly
      ? {
          applies: false,
          why: `${scope.audience!.name} are concerned only by processing done as a processor (${joinList(scope.processorActivities.map((a) => a.name))}); the customers, as controllers, give them the Arts 13-14 information`,
        }
      : judge(item.id, scope, covered);
    const sections = covered.get(item.id) ?? [];
    const base = { ...item, applies: j.applies, applicability: j.why, sections };
    if (!j.applies) return { ...base, status: 'not_applicable', reason: `Not required: ${j.why}.` };
    if (j.problem) return { ...base, status: 'missing', reason: j.problem };
    if (!sections.length) return { ...base, status: 'missing', reason: `No section of the rendered notice covers this. ${j.why[0]!.toUpperCase()}${j.why.slice(1)}: complete the declaration so the notice can say it.` };
    return { ...base, status: 'present', reason: `Shown in ${sections.map((id) => `#${id}`).join(', ')}.` };
  });
  return { ...(options.audience === undefined ? {} : { audience: options.audience }), items };
}
