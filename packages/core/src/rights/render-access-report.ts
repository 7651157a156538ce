import type { CoverageItemId, NoticeModel } from '../render/notice-model.js';
import { renderHtml } from '../render/render-html.js';
import { renderText } from '../render/render-text.js';
import type { AccessReport } from './access-report-model.js';

/**
 * The report as a notice model, so it is rendered by the notice's renderers: the same escaping of every declared
 * string, the same accessible markup (landmarks, captions, scoped headers, card tables on phones) and print style.
 * Each section's Art 15 items go where a notice section's Art 13/14 items go: the data-covers attribute.
 */
function toNoticeModel(report: AccessReport): NoticeModel {
  return {
    variant: 'full',
    title: report.title,
    language: report.language,
    organisation: report.organisation,
    intro: report.intro,
    sections: report.sections.map((s) => ({ id: s.id, heading: s.heading, blocks: s.blocks, covers: s.cites as unknown as readonly CoverageItemId[] })),
  };
}

/** The report as a complete, printable HTML page with no JavaScript; every declared string is escaped. */
export function renderAccessReportHtml(report: AccessReport): string {
  return renderHtml(toNoticeModel(report));
}

/** The report as plain text wrapped at about 78 columns, control characters removed. */
export function renderAccessReportText(report: AccessReport): string {
  return renderText(toNoticeModel(report));
}
