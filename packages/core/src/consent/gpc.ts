import type { Declaration } from '../declaration/schema/declaration.js';
import { buildBannerConfig, type BannerCategoryId } from './banner-config.js';

/** Names of the cookie categories as people read them (the banner's English strings say the same). */
export const COOKIE_CATEGORY_NAMES: Record<BannerCategoryId, string> = {
  strictly_necessary: 'Strictly necessary',
  functionality: 'Functionality',
  statistics: 'Statistics',
  marketing: 'Marketing',
};

/** Whether a declaration honours Global Privacy Control: unless it says explicitly that it does not (as the banner). */
export const honoursGlobalPrivacyControl = (declaration: Declaration): boolean => declaration.cookies?.honour_global_privacy_control !== false;

/**
 * The cookie categories a Global Privacy Control signal (`Sec-GPC: 1`, `navigator.globalPrivacyControl`) refuses:
 * every category that needs consent (PECR reg 6, as amended 5 Feb 2026; UK-RULES section 8). Strictly necessary
 * cookies need no consent; statistics or appearance cookies claimed as exempt with an opt-out stay on (the exemption
 * does not rest on consent), exactly as the banner treats the signal. Empty when the declaration does not honour GPC.
 */
export function gpcRefusedCategories(declaration: Declaration): BannerCategoryId[] {
  if (!honoursGlobalPrivacyControl(declaration)) return [];
  return buildBannerConfig(declaration)
    .categories.filter((c) => c.mode === 'opt_in')
    .map((c) => c.id);
}

/**
 * The consent-ledger keys (see consentTargets) a Global Privacy Control signal refuses: `cookie:<category>` for each
 * category gpcRefusedCategories names: storing or reading on the device, which is what the signal speaks to (PECR reg 6;
 * UK-RULES section 8). A purpose consented to through the cookie banner follows its categories (withCookiePurposes),
 * so refusing the categories refuses it, under the same keys the banner's grants use. Purposes consented to by other
 * means (a newsletter asked for by email, a signed form) and direct marketing on legitimate interests are not: the
 * browser's signal is not an objection to email marketing (Art 21(3) objections are made by the person, and stay
 * absolute once made). Empty when GPC is not honoured.
 */
export function gpcRefusedTargetKeys(declaration: Declaration): string[] {
  return gpcRefusedCategories(declaration).map((c) => `cookie:${c}`);
}
