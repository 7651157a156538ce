import type { Declaration } from '../declaration/schema/declaration.js';
import { LAWFUL_BASES } from '../law/lawful-bases.js';
import type { Block, Inline, NoticeModel, NoticeSection } from './notice-model.js';
import { scopeDeclaration } from './scope-declaration.js';
import { retentionPeriodText, retentionSubject } from './sections/retention-section.js';
import { requestChannels } from './sections/rights-section.js';
import { joinList, urlSpan } from './words.js';

export interface BuildShortNoticeOptions {
  audience?: string;
  /** Where the full notice is; default notice.url, else "#full". */
  fullNoticeUrl?: string;
}

/**
 * The layered short notice: a summary a person reads in a minute (who we are, what we use and why, who gets it,
 * how long, your rights, how to contact or complain), linking to the full notice.
 * @throws UnknownAudienceError when `audience` is not a declared subject id.
 */
export function buildShortNotice(declaration: Declaration, options: BuildShortNoticeOptions = {}): NoticeModel {
  const scope = scopeDeclaration(declaration, options.audience);
  const d = declaration;
  const url = options.fullNoticeUrl ?? d.notice.url ?? '#full';
  const full = (text: string): Inline => [urlSpan(url, text)];
  const cats = new Map(d.data_categories.map((c) => [c.id, c.name]));
  const sections: NoticeSection[] = [];

  const o = d.organisation;
  const contact = o.contact?.email ?? o.contact?.phone ?? o.address;
  sections.push({
    id: 'summary-who-we-are',
    heading: 'Who we are',
    blocks: [{ type: 'paragraph', text: `${o.legal_name}${o.company_number ? `, company number ${o.company_number}` : ''}${contact ? `. Contact: ${contact}` : ''}.` }],
    covers: [],
  });

  const uses: Inline[] = scope.purposes.map((p) => {
    const data = p.data_categories.map((id) => cats.get(id) ?? id);
    const bases = joinList(p.lawful_bases.map((b) => LAWFUL_BASES[b.basis].label.toLowerCase()), 'or');
    return `${p.name}${data.length ? `: ${joinList(data)}` : ''} (${bases}).`;
  });
  sections.push({
    id: 'summary-what-and-why',
    heading: 'What we use and why',
    blocks: uses.length ? [{ type: 'list', items: uses }] : [{ type: 'paragraph', text: 'We have not declared any use of personal data.' }],
    covers: [],
  });

  if (scope.recipients.length) {
    const names = scope.recipients.map((r) => (r.service ? `${r.name} (${r.service})` : r.name));
    const abroad = scope.recipients.some((r) => (r.locations ?? []).some((l) => l !== 'GB'));
    sections.push({
      id: 'summary-who-gets-it',
      heading: 'Who gets it',
      blocks: [{ type: 'paragraph', text: `${joinList(names)}.${abroad ? ' Some of them are outside the UK.' : ''}` }],
      covers: [],
    });
  }

  const rules = scope.retention.filter((r) => r.period || r.criteria);
  if (rules.length) {
    sections.push({
      id: 'summary-how-long',
      heading: 'How long we keep it',
      blocks: [{ type: 'list', items: rules.map((r) => `${retentionSubject(r, d)}: ${retentionPeriodText(r)}`) }],
      covers: [],
    });
  }

  sections.push({
    id: 'summary-your-rights',
    heading: 'Your rights',
    blocks: [
      {
        type: 'paragraph',
        text: `You can ask for a copy of your data, have it corrected or deleted, limit or object to its use, take it elsewhere${scope.purposes.some((p) => p.lawful_bases.some((b) => b.basis === 'consent')) ? ', and withdraw your consent at any time' : ''}. You can always object to direct marketing.`,
      },
    ],
    covers: [],
  });

  const channels = requestChannels(scope);
  const contactBlocks: Block[] = [];
  if (channels.length) contactBlocks.push({ type: 'list', items: channels });
  contactBlocks.push({
    type: 'paragraph',
    text: [
      { text: 'You can complain to us, or to the Information Commissioner\u2019s Office: ' },
      urlSpan(d.complaints?.ico?.url ?? 'https://ico.org.uk/make-a-complaint/'),
      { text: '.' },
    ],
  });
  sections.push({ id: 'summary-contact', heading: 'Contact us or complain', blocks: contactBlocks, covers: [] });

  const intro: Block[] = [{ type: 'paragraph', text: [{ text: 'This is a summary of how we use your personal data. ' }, ...(full('Read the full privacy notice') as { text: string }[]), { text: ' for the details.' }] }];
  if (scope.audience) intro.push({ type: 'paragraph', text: `For: ${scope.audience.name}.` });
  return {
    variant: 'short',
    title: `${d.notice.title}: summary`,
    language: d.notice.language,
    organisation: o.legal_name,
    ...(d.notice.last_updated ? { lastUpdated: d.notice.last_updated } : {}),
    ...(scope.audience ? { audience: { id: scope.audience.id, name: scope.audience.name } } : {}),
    intro,
    sections,
    fullNoticeUrl: url,
  };
}
