import type { CoverageItemId } from './notice-model.js';

export type CoverageStatus = 'present' | 'missing' | 'not_applicable';

/** One item of the Art 13/14 checklist, judged against the notice rendered for an audience. */
export interface CoverageItem {
  id: CoverageItemId;
  /** The article(s) that require it. */
  article: string;
  title: string;
  /** Whether the law requires this item for this notice. */
  applies: boolean;
  /** Why it applies or not: "no DPO is declared (organisation.dpo)". */
  applicability: string;
  status: CoverageStatus;
  /** For missing: what is missing and how to fix it in the declaration. For present: where the notice says it. */
  reason: string;
  /** Ids of the rendered sections that cover it. */
  sections: string[];
}

export interface CoverageReport {
  /** The subject id the notice was rendered for; absent for the notice for everyone. */
  audience?: string;
  items: CoverageItem[];
}
