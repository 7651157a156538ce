import type { Declaration } from '../declaration/schema/declaration.js';
import { RIGHTS } from '../law/rights.js';
import type { Block, Inline } from '../render/notice-model.js';
import { scopeDeclaration, type Scope } from '../render/scope-declaration.js';
import { dataSection, sourcesSection } from '../render/sections/data-section.js';
import { automatedSection } from '../render/sections/other-sections.js';
import { purposesSection } from '../render/sections/purposes-section.js';
import { retentionSection } from '../render/sections/retention-section.js';
import { complaintsSection, objectionSection, requestChannels } from '../render/sections/rights-section.js';
import { sharingSection, transfersSection } from '../render/sections/sharing-section.js';
import { formatDate, joinList } from '../render/words.js';
import { ART15_ITEMS, type AccessReport, type AccessReportSection, type Art15Item, type ReplyRequestType, type SearchedSystem } from './access-report-model.js';

export interface BuildAccessReportOptions {
  requestType: ReplyRequestType;
  /** YYYY-MM-DD: the day the request was received. */
  receivedAt: string;
  /** YYYY-MM-DD: the day the reply is prepared (the core never reads the clock). Default: receivedAt. */
  preparedAt?: string;
  /** The request's reference, as the person knows it. */
  reference?: string;
  /**
   * Subject ids (declaration.subjects) the person belongs to, e.g. ['customers']: the report then tells only what
   * concerns those groups. Omit to tell everything the declaration covers.
   */
  subjects?: readonly string[];
  /** Where the organisation looked and what it found (Art 15(1A)); undefined when not recorded. */
  systems?: readonly SearchedSystem[];
  /** How the search was made and why it was proportionate (Art 15(1A)), in staff's words. */
  search?: string;
  /** The declaration version in force, named in the report so a reader can find the same notice. */
  declarationVersion?: { version: number; publishedAt: string };
}

/** The union of the scopes of several audiences, each list in declaration order. */
function scopeFor(declaration: Declaration, subjects: readonly string[] | undefined): Scope {
  if (!subjects?.length) return scopeDeclaration(declaration);
  const scopes = subjects.map((s) => scopeDeclaration(declaration, s));
  const union = <T extends { id: string }>(all: readonly T[], pick: (s: Scope) => readonly T[]): T[] => {
    const ids = new Set(scopes.flatMap((s) => pick(s).map((x) => x.id)));
    return all.filter((x) => ids.has(x.id));
  };
  const d = declaration;
  const cookieNames = new Set(scopes.flatMap((s) => s.cookies.map((c) => c.name)));
  const controllers = new Set(scopes.flatMap((s) => s.otherControllers.map((c) => c.id)));
  return {
    declaration: d,
    // One audience keeps the "for you" wording of the notice sections; several read like the full notice.
    ...(scopes.length === 1 && scopes[0]!.audience ? { audience: scopes[0]!.audience } : {}),
    subjects: union(d.subjects, (s) => s.subjects),
    purposes: union(d.purposes, (s) => s.purposes),
    dataCategories: union(d.data_categories, (s) => s.dataCategories),
    recipients: union(d.recipients, (s) => s.recipients),
    retention: union(d.retention, (s) => s.retention),
    cookies: (d.cookies?.items ?? []).filter((c) => cookieNames.has(c.name)),
    automatedDecisions: union(d.automated_decisions, (s) => s.automatedDecisions),
    processorActivities: union(d.processor_activities, (s) => s.processorActivities),
    otherControllers: (d.organisation.other_controllers ?? []).filter((c) => controllers.has(c.id)),
  };
}

const p = (text: Inline): Block => ({ type: 'paragraph', text });

/** The law a section answers, as its last line: "The law: UK GDPR Art 15(1)(a) (the purposes of the processing)." */
function citation(cites: readonly Art15Item[]): Block {
  const parts = cites.map((c) => `${ART15_ITEMS[c].article} (${ART15_ITEMS[c].label})`);
  return { type: 'paragraph', text: [{ text: 'What the law requires here: ', strong: true }, { text: `${joinList(parts)}.` }] };
}

function section(id: string, heading: string, blocks: readonly Block[], cites: readonly Art15Item[]): AccessReportSection {
  return { id, heading, blocks: [...blocks, citation(cites)], cites };
}

/** "Your data": what the package holds and where it came from (Art 15(3), 15(1A); Art 20(1) for portability). */
function yourDataSection(o: BuildAccessReportOptions): AccessReportSection {
  const blocks: Block[] = [];
  if (o.requestType === 'portability') {
    blocks.push(
      p('This package holds the personal data you gave us, in structured, commonly used, machine-readable formats: JSON and CSV (comma-separated values, which opens in any spreadsheet). You may keep it, or give it to another organisation.'),
    );
  } else {
    blocks.push(p('This package holds a copy of the personal data about you that we found: JSON and CSV files (CSV opens in any spreadsheet) for each place we looked, and this report.'));
  }
  if (o.systems === undefined) {
    blocks.push(p('The files in this package hold what we found.'));
  } else if (!o.systems.length) {
    blocks.push(p('We searched our records and found no personal data about you.'));
  } else {
    blocks.push({
      type: 'table',
      caption: 'Where we looked and what this package holds',
      columns: ['Where we looked', 'What it is', 'Records found', 'Files'],
      rows: o.systems.map((s) => [s.name, s.description ?? '', s.records === undefined ? '' : String(s.records), (s.files ?? []).join(', ') || 'Nothing found']),
    });
  }
  if (o.search) blocks.push(p(`How we searched: ${o.search}`));
  return section('your-data', o.requestType === 'portability' ? 'The data you gave us' : 'Your personal data', blocks, o.requestType === 'portability' ? ['art15-3'] : ['art15-3', 'art15-1a']);
}

/** The rights Art 15(1)(e) names, each explained, and where to use them. */
function rightsSectionFor(scope: Scope): AccessReportSection {
  const items = (['rectification', 'erasure', 'restriction', 'objection'] as const).map((k) => ({
    term: RIGHTS[k].label,
    details: [`You have the right ${RIGHTS[k].explanation} (UK GDPR ${RIGHTS[k].article}).`] as Inline[],
  }));
  const blocks: Block[] = [p('You can also ask us to correct, delete or limit the use of your personal data, or object to how we use it:'), { type: 'definitions', items }];
  const channels = requestChannels(scope);
  if (channels.length) {
    blocks.push(p('To use these rights, contact us in any of these ways. You do not need to use legal words:'));
    blocks.push({ type: 'list', items: channels });
  } else {
    blocks.push(p('To use these rights, reply to the email that brought you this package. You do not need to use legal words.'));
  }
  return section('your-other-rights', 'Your other rights', blocks, ['art15-1-e']);
}

/**
 * Builds the report that goes with a reply to an access (Art 15) or portability (Art 20) request, from the declaration
 * version in force: the Art 15(1)(a)-(h) and 15(2) information, each section citing the item it answers, in plain
 * words drawn from the same section builders as the privacy notice, so the reply and the notice agree.
 * Pure: the dates are given, not read from a clock.
 * @example
 *   const report = buildAccessReport(declaration, { requestType: 'access', receivedAt: '2026-03-02', preparedAt: '2026-03-20' });
 *   renderAccessReportHtml(report) // a complete, printable HTML page
 * @throws UnknownAudienceError when a subject id is not declared.
 */
export function buildAccessReport(declaration: Declaration, options: BuildAccessReportOptions): AccessReport {
  const scope = scopeFor(declaration, options.subjects);
  const org = declaration.organisation.legal_name;
  const preparedAt = options.preparedAt ?? options.receivedAt;
  const ref = options.reference ? ` (reference ${options.reference})` : '';
  const intro: Block[] = [];
  if (options.requestType === 'portability') {
    intro.push(p(`On ${formatDate(options.receivedAt)} you asked ${org} for the personal data you gave us, in a form you can reuse${ref}. This is our reply, prepared on ${formatDate(preparedAt)}. You have the right to data portability under UK GDPR Article 20.`));
  } else {
    intro.push(p(`On ${formatDate(options.receivedAt)} you asked ${org} for a copy of your personal data${ref}. This is our reply, prepared on ${formatDate(preparedAt)}. With the copy of your data, the law (UK GDPR Article 15) entitles you to the information below about how we use it.`));
  }
  if (options.declarationVersion) {
    intro.push(p(`The information about how we use personal data is taken from our privacy notice as it stands for this reply: version ${options.declarationVersion.version}, published on ${formatDate(options.declarationVersion.publishedAt.slice(0, 10))}.`));
  }

  const sections: AccessReportSection[] = [yourDataSection(options)];
  if (options.requestType === 'access') {
    const purposes = purposesSection(scope);
    sections.push(section('why-we-use-your-data', 'Why we use your data', purposes.blocks, ['art15-1-a']));
    const data = dataSection(scope);
    sections.push(section('what-data-we-hold', 'What data we hold', data?.blocks ?? [p('We have not declared any categories of personal data about you.')], ['art15-1-b']));
    const sources = sourcesSection(scope);
    sections.push(section('where-your-data-comes-from', 'Where your data comes from', sources?.blocks ?? [p('We collected all of it from you.')], ['art15-1-g']));
    const sharing = sharingSection(scope);
    sections.push(section('who-we-share-it-with', 'Who we share it with', sharing?.blocks ?? [p('We do not share your personal data with other organisations.')], ['art15-1-c']));
    const transfers = transfersSection(scope);
    sections.push(
      section('international-transfers', 'Transfers outside the UK', transfers?.blocks ?? [p('We do not transfer your personal data outside the United Kingdom.')], ['art15-2', 'art15-1-c']),
    );
    const retention = retentionSection(scope);
    sections.push(
      section(
        'how-long-we-keep-it',
        'How long we keep it',
        retention?.blocks ?? [p('Our privacy notice does not state how long we keep this data. Ask us and we will tell you the period, or the criteria we use to decide it.')],
        ['art15-1-d'],
      ),
    );
    // Kept as "automated-decisions": the purposes section links to it by that id.
    sections.push(section('automated-decisions', 'Automated decisions', automatedSection(scope).blocks, ['art15-1-h']));
  }
  sections.push(rightsSectionFor(scope));
  // Art 21(4): the right to object shown clearly and separately; the id is the one the purposes section links to.
  sections.push(section('your-right-to-object', 'Your right to object', objectionSection(scope).blocks, ['art15-1-e']));
  sections.push(section('how-to-complain', 'How to complain', complaintsSection(scope).blocks, ['art15-1-f']));

  return {
    requestType: options.requestType,
    title: options.requestType === 'portability' ? 'Your data, ready to reuse' : 'Your personal data: our reply to your request',
    language: declaration.notice.language,
    organisation: org,
    ...(options.reference ? { reference: options.reference } : {}),
    receivedAt: options.receivedAt,
    preparedAt,
    ...(options.declarationVersion ? { declarationVersion: options.declarationVersion } : {}),
    intro,
    sections,
  };
}
