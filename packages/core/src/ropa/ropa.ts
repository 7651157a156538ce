import type { RopaControllerColumnKey, RopaProcessorColumnKey } from './ropa-columns.js';

/** Who keeps the controller record (Art 30(1)(a)): each field is plain text, empty when not declared. */
export interface RopaControllerHeader {
  /** The organisation's legal name, for titles. */
  organisation: string;
  /** Legal name, company number, address and ICO registration. */
  controller: string;
  contacts: string;
  dpo: string;
  representatives: string;
  jointControllers: string;
}

/** Who keeps the processor record (Art 30(2)(a)). */
export interface RopaProcessorHeader {
  organisation: string;
  /** Legal name, company number, address and ICO registration. */
  processor: string;
  contacts: string;
  dpo: string;
  representatives: string;
}

/** One purpose: a cell per ICO template column, plus the purpose id it came from. */
export type RopaControllerRow = Readonly<Record<RopaControllerColumnKey, string>> & { readonly id: string };

/** One processor activity: a cell per column, plus the activity id it came from. */
export type RopaProcessorRow = Readonly<Record<RopaProcessorColumnKey, string>> & { readonly id: string };

/** The record of processing activities (UK GDPR Art 30) derived from a declaration. */
export interface Ropa {
  controller: { header: RopaControllerHeader; rows: RopaControllerRow[] };
  processor: { header: RopaProcessorHeader; rows: RopaProcessorRow[] };
}
