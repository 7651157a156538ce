import type { Declaration } from '../declaration/schema/declaration.js';
import type { AutomatedDecision, DataCategory, ProcessorActivity, Purpose, Subject } from '../declaration/schema/processing.js';
import type { Recipient } from '../declaration/schema/recipients.js';
import type { RetentionRule } from '../declaration/schema/retention.js';
import type { Cookie } from '../declaration/schema/cookies.js';
import type { OtherController } from './words.js';
import { UnknownAudienceError } from './unknown-audience-error.js';

/** The parts of a declaration that concern one audience (or everyone). Lists keep declaration order. */
export interface Scope {
  declaration: Declaration;
  audience?: Subject;
  subjects: Subject[];
  purposes: Purpose[];
  dataCategories: DataCategory[];
  recipients: Recipient[];
  retention: RetentionRule[];
  cookies: Cookie[];
  automatedDecisions: AutomatedDecision[];
  processorActivities: ProcessorActivity[];
  otherControllers: OtherController[];
}

/**
 * Selects what concerns `audience` (a subject id): its purposes, and the categories, recipients, retention rules,
 * automated decisions and processor activities those purposes use. Items no purpose refers to (a recipient such
 * as "law enforcement" listed on its own, a retention rule naming no purpose or category) concern everyone.
 * Cookies concern an audience when one of its purposes asks consent through the cookie banner or one of its
 * recipients sets a cookie. Without an audience everything is kept.
 * @throws UnknownAudienceError when `audience` is not a declared subject id.
 */
export function scopeDeclaration(declaration: Declaration, audience?: string): Scope {
  const d = declaration;
  const cookies = d.cookies?.items ?? [];
  const others = d.organisation.other_controllers ?? [];
  if (audience === undefined) {
    return {
      declaration: d,
      subjects: d.subjects,
      purposes: d.purposes,
      dataCategories: d.data_categories,
      recipients: d.recipients,
      retention: d.retention,
      cookies,
      automatedDecisions: d.automated_decisions,
      processorActivities: d.processor_activities,
      otherControllers: others,
    };
  }
  const subject = d.subjects.find((s) => s.id === audience);
  if (!subject) throw new UnknownAudienceError(audience, d.subjects.map((s) => s.id));

  const purposes = d.purposes.filter((p) => p.subjects.includes(audience));
  const activities = d.processor_activities.filter((a) => a.subjects.includes(audience));
  const categoryIds = new Set([...purposes.flatMap((p) => p.data_categories), ...activities.flatMap((a) => a.data_categories)]);

  const referencedRecipients = new Set([
    ...d.purposes.flatMap((p) => p.recipients ?? []),
    ...d.processor_activities.flatMap((a) => a.subprocessors ?? []),
    ...cookies.flatMap((c) => (c.recipient ? [c.recipient] : [])),
  ]);
  const usesBanner = purposes.some((p) => p.lawful_bases.some((b) => b.consent?.mechanism === 'cookie_banner'));
  const keptRecipientIds = new Set([...purposes.flatMap((p) => p.recipients ?? []), ...activities.flatMap((a) => a.subprocessors ?? [])]);
  const recipientCookies = cookies.some((c) => c.recipient !== undefined && keptRecipientIds.has(c.recipient));
  const keptCookies = usesBanner || recipientCookies ? cookies : [];
  for (const c of keptCookies) if (c.recipient) keptRecipientIds.add(c.recipient);

  const recipients = d.recipients.filter((r) => keptRecipientIds.has(r.id) || !referencedRecipients.has(r.id));
  const purposeIds = new Set(purposes.map((p) => p.id));
  const retention = d.retention.filter((r) => {
    const scoped = (r.purposes?.length ?? 0) + (r.data_categories?.length ?? 0) > 0;
    if (!scoped) return true;
    return (r.purposes ?? []).some((id) => purposeIds.has(id)) || (r.data_categories ?? []).some((id) => categoryIds.has(id));
  });
  const referencedDecisions = new Set(d.purposes.flatMap((p) => p.automated_decisions ?? []));
  const keptDecisions = new Set(purposes.flatMap((p) => p.automated_decisions ?? []));
  const automatedDecisions = d.automated_decisions.filter((a) => keptDecisions.has(a.id) || !referencedDecisions.has(a.id));
  const joint = new Set(purposes.flatMap((p) => p.joint_controllers ?? []));
  const jointAnywhere = new Set(d.purposes.flatMap((p) => p.joint_controllers ?? []));

  return {
    declaration: d,
    audience: subject,
    subjects: [subject],
    purposes,
    dataCategories: d.data_categories.filter((c) => categoryIds.has(c.id)),
    recipients,
    retention,
    cookies: keptCookies,
    automatedDecisions,
    processorActivities: activities,
    otherControllers: others.filter((o) => o.relationship === 'group_company' || joint.has(o.id) || !jointAnywhere.has(o.id)),
  };
}
