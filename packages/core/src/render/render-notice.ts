import type { Declaration } from '../declaration/schema/declaration.js';
import { buildNotice } from './build-notice.js';
import { buildShortNotice } from './build-short-notice.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export interface RenderNoticeOptions {
  format: 'html' | 'markdown' | 'text';
  /** A subject id: the notice for that group only. */
  audience?: string;
  /** 'full' (default) or the layered 'short' summary. */
  variant?: 'full' | 'short';
  /** For the short notice: link to the full one (default notice.url, else "#full"). */
  fullNoticeUrl?: string;
  /** HTML only: a complete document (default) or a fragment to embed. */
  standalone?: boolean;
  /** HTML only: prefix for element ids. */
  idPrefix?: string;
  /** Text only: line width (default 78). */
  width?: number;
}

/**
 * Builds and renders the privacy notice in one call.
 * @example renderNotice(declaration, { format: 'html', audience: 'job_applicants' })
 * @throws UnknownAudienceError when `audience` is not a declared subject id.
 */
export function renderNotice(declaration: Declaration, options: RenderNoticeOptions): string {
  const scopeOptions = options.audience === undefined ? {} : { audience: options.audience };
  const model =
    options.variant === 'short'
      ? buildShortNotice(declaration, { ...scopeOptions, ...(options.fullNoticeUrl === undefined ? {} : { fullNoticeUrl: options.fullNoticeUrl }) })
      : buildNotice(declaration, scopeOptions);
  switch (options.format) {
    case 'html':
      return renderHtml(model, {
        ...(options.standalone === undefined ? {} : { standalone: options.standalone }),
        ...(options.idPrefix === undefined ? {} : { idPrefix: options.idPrefix }),
      });
    case 'markdown':
      return renderMarkdown(model);
    case 'text':
      return renderText(model, options.width === undefined ? {} : { width: options.width });
  }
}
