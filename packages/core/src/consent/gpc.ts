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
