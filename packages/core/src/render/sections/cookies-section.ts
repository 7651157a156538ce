import type { Block, NoticeSection } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { joinList, urlSpan } from '../words.js';

const CATEGORY: Record<string, string> = {
  strictly_necessary: 'Strictly necessary',
  functionality: 'Functionality',
  statistics: 'Statistics',
  marketing: 'Marketing',
};

/** "Cookies": the cookie table, how consent is asked, opt-outs, and the browser signals honoured (PECR reg 6). */
export function cookiesSection(scope: Scope): NoticeSection | undefined {
  const c = scope.declaration.cookies;
  const items = scope.cookies;
  if (!c || !items.length) return undefined;
  const org = scope.declaration.organisation.legal_name;
  const blocks: Block[] = [
    { type: 'paragraph', text: 'Cookies are small files a website stores on your device; similar technologies (such as local storage) work in the same way. We use the ones listed below.' },
  ];
  const needsConsent = items.filter((i) => i.exemption === 'none' && i.category !== 'strictly_necessary');
  if (c.consent_mechanism === 'banner' && needsConsent.length) {
    blocks.push({
      type: 'paragraph',
      text: 'We ask for your consent through a cookie banner before setting the cookies that need it.',
    });
  } else if (c.consent_mechanism === 'browser_settings') {
    blocks.push({ type: 'paragraph', text: 'You can block or delete cookies in your browser settings.' });
  }
  if (items.some((i) => i.category === 'strictly_necessary' || i.exemption === 'strictly_necessary')) {
    blocks.push({ type: 'paragraph', text: 'Strictly necessary cookies are needed for the website to work, so the law does not require consent for them.' });
  }
  const exempt = items.filter((i) => i.exemption === 'statistics' || i.exemption === 'appearance');
  if (exempt.length) {
    const optOut = exempt.every((i) => i.opt_out) ? ' You can object to them at any time, free of charge.' : '';
    blocks.push({
      type: 'paragraph',
      text: `We set ${joinList(exempt.map((i) => i.name))} without asking first, as the law allows for ${joinList([...new Set(exempt.map((i) => (i.exemption === 'statistics' ? 'statistics about how the website is used' : 'remembering your choices about how the website looks')))])}.${optOut}`,
    });
  }
  const signals: string[] = [];
  if (c.honour_global_privacy_control) signals.push('Global Privacy Control');
  if (c.honour_do_not_track) signals.push('Do Not Track');
  if (signals.length) {
    blocks.push({
      type: 'paragraph',
      text: `We honour the ${joinList(signals)} signal${signals.length > 1 ? 's' : ''} from your browser: when your browser sends ${signals.length > 1 ? 'one' : 'it'}, we treat it as a refusal of cookies that need consent.`,
    });
  }
  blocks.push({
    type: 'table',
    caption: 'Cookies and similar technologies we use',
    columns: ['Name', 'Provider', 'Type', 'Purpose', 'Duration', 'Party'],
    rows: items.map((i) => [
      i.name,
      i.provider ?? (i.party === 'first' ? org : ''),
      CATEGORY[i.category] ?? i.category,
      i.purpose,
      i.duration ?? '',
      i.party === 'third' ? 'Third party' : 'First party',
    ]),
  });
  if (c.policy_url) blocks.push({ type: 'paragraph', text: [{ text: 'More detail: ' }, urlSpan(c.policy_url, 'our cookie policy'), { text: '.' }] });
  return { id: 'cookies', heading: 'Cookies', blocks, covers: [] };
}
