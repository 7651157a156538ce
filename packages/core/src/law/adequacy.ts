/**
 * Countries and territories with UK adequacy regulations (UK GDPR Art 45, DPA 2018 s.17A), as data with the date
 * it was last reviewed, so it can be updated without code changes. Source: UK-RULES.md section 9 (ICO list of
 * adequacy regulations). The United States is adequate only for recipients certified to the EU-US Data
 * Privacy Framework and its UK Extension (the "UK-US data bridge", in force 12 Oct 2023): see US_REQUIRES_DPF.
 * Canada (PIPEDA scope) and Japan (APPI scope) are adequate only for data within those laws' scope.
 */
export const ADEQUACY = {
  reviewed: '2026-02-05',
  /** ISO 3166-1 alpha-2 codes, plus EU and EEA for "somewhere in the EU/EEA". */
  countries: [
    'GB',
    // EEA: the 27 EU member states, Iceland, Liechtenstein, Norway
    'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
    'IS', 'LI', 'NO',
    'EU', 'EEA',
    'GI', 'CH', 'CA', 'AR', 'GG', 'IM', 'JE', 'AD', 'IL', 'UY', 'NZ', 'JP', 'KR',
  ] as readonly string[],
  /** Partial adequacy: these need a certification or scope condition to count as adequate. */
  conditional: { US: 'certified to the EU-US Data Privacy Framework and its UK Extension', CA: 'within the scope of PIPEDA', JP: 'within the scope of the APPI' } as Record<string, string>,
};

/** True when a transfer to `location` needs no Art 46 safeguard (the UK itself, or an adequate country). */
export function isAdequate(location: string): boolean {
  return ADEQUACY.countries.includes(location);
}
