import type { Declaration } from '../declaration/schema/declaration.js';
import type { Block, NoticeModel, NoticeSection } from './notice-model.js';
import { scopeDeclaration, type Scope } from './scope-declaration.js';
import { cookiesSection } from './sections/cookies-section.js';
import { dataSection, requirementSection, sourcesSection } from './sections/data-section.js';
import { identitySection } from './sections/identity-section.js';
import {
  automatedSection,
  changesSection,
  childrenSection,
  extraSections,
  processorSection,
  residencySection,
  securitySection,
  statementsSection,
} from './sections/other-sections.js';
import { purposesSection } from './sections/purposes-section.js';
import { retentionSection } from './sections/retention-section.js';
import { complaintsSection, objectionSection, rightsSection, withdrawSection } from './sections/rights-section.js';
import { sharingSection, transfersSection } from './sections/sharing-section.js';
import { paragraphs } from './words.js';

export interface BuildNoticeOptions {
  /** A subject id from declaration.subjects: keep only what concerns that group. */
  audience?: string;
}

/** The paragraphs under the title: the declared introduction (or a default) and who this version is for. */
export function noticeIntro(scope: Scope): Block[] {
  const d = scope.declaration;
  const intro = d.notice.introduction
    ? paragraphs(d.notice.introduction)
    : [`This notice explains how ${d.organisation.legal_name} collects and uses personal data about you, who we share it with, how long we keep it, and the rights you have.`];
  const blocks: Block[] = intro.map((text) => ({ type: 'paragraph', text }));
  if (scope.audience) {
    blocks.push({ type: 'paragraph', text: `This version of the notice is for: ${scope.audience.name}. It covers only what concerns you as one of them.` });
  }
  return blocks;
}

/**
 * Builds the format-neutral privacy notice from a declaration: ordered sections, each naming the
 * Art 13/14 items it covers. Pure and deterministic: the date shown is notice.last_updated.
 *
 * @example
 * const model = buildNotice(declaration, { audience: 'job_applicants' });
 * model.sections.map((s) => s.id) // ['who-we-are', 'what-data-we-collect', ...]
 * @throws UnknownAudienceError when `audience` is not a declared subject id.
 */
export function buildNotice(declaration: Declaration, options: BuildNoticeOptions = {}): NoticeModel {
  const scope = scopeDeclaration(declaration, options.audience);
  const maybe: (NoticeSection | undefined)[] = [
    identitySection(scope),
    dataSection(scope),
    sourcesSection(scope),
    purposesSection(scope),
    requirementSection(scope),
    sharingSection(scope),
    transfersSection(scope),
    retentionSection(scope),
    cookiesSection(scope),
    automatedSection(scope),
    childrenSection(scope),
    rightsSection(scope),
    objectionSection(scope),
    withdrawSection(scope),
    securitySection(scope),
    residencySection(scope),
    processorSection(scope),
    complaintsSection(scope),
    statementsSection(scope),
  ];
  const sections = maybe.filter((s): s is NoticeSection => s !== undefined);
  sections.push(...extraSections(scope, new Set(sections.map((s) => s.id))));
  const changes = changesSection(scope);
  if (changes) sections.push(changes);
  return {
    variant: 'full',
    title: declaration.notice.title,
    language: declaration.notice.language,
    organisation: declaration.organisation.legal_name,
    ...(declaration.notice.last_updated ? { lastUpdated: declaration.notice.last_updated } : {}),
    ...(scope.audience ? { audience: { id: scope.audience.id, name: scope.audience.name } } : {}),
    intro: noticeIntro(scope),
    sections,
  };
}
