/** The address a setup link token is used at. */
export function setupUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/setup?token=${encodeURIComponent(token)}`;
}
