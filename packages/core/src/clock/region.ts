/** The UK's three bank-holiday regions; the controller picks the one whose working days it keeps. */
export const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

export type Region = (typeof REGIONS)[number];

export const REGION_NAMES: Record<Region, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

export const isRegion = (value: unknown): value is Region => typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
