/**
 * Truncates a client address before it is stored with a consent receipt: IPv4 to its /24 (last octet zeroed) and IPv6
 * to its /48 (the site prefix; the rest zeroed), as analytics tools do to keep an address from identifying one device
 * (ICO guidance on online identifiers; data minimisation, Art 5(1)(c)). An IPv4-mapped IPv6 address ("::ffff:1.2.3.4")
 * is treated as IPv4. Pure string work, so the browser SDK and the server agree.
 * @returns "203.0.113.0/24", "2001:db8:85a3::/48", or undefined when `ip` is not an address.
 */
export function truncateIp(ip: string | undefined | null): string | undefined {
  if (!ip) return undefined;
  let a = ip.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const parts = v4.slice(1, 5).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return `${parts[0]}.${parts[1]}.${parts[2]}.0/24`;
  }
  const groups = expandIpv6(a.replace(/%.*$/, ''));
  if (!groups) return undefined;
  return `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::/48`;
}

/** "2001:db8::1" -> eight 16-bit numbers, or undefined. */
function expandIpv6(a: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(a) || !a.includes(':')) return undefined;
  const halves = a.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(g)) {
        const p = g.split('.').map(Number);
        if (p.some((x) => x > 255)) return undefined;
        out.push((p[0]! << 8) | p[1]!, (p[2]! << 8) | p[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(g)) out.push(parseInt(g, 16));
      else return undefined;
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const fill = 8 - head.length - tail.length;
  if (fill < 1) return undefined;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}
