// IPv4 and IPv6 addresses and CIDR blocks as the `SourceIp` rule condition needs them: parsed once
// into 16-bit groups, then compared prefix bit by prefix bit. IPv4-mapped IPv6 (`::ffff:10.0.0.1`, what a
// dual-stack socket reports) counts as the IPv4 address.

export interface IpAddress {
  version: 4 | 6;
  /** 2 groups for IPv4, 8 for IPv6, each 0–65535. */
  groups: number[];
}

export interface CidrBlock extends IpAddress {
  prefixLength: number;
}

export function parseIp(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const groups = parseIpv6(trimmed);
    if (!groups) return undefined;
    const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
    return mapped ? { version: 4, groups: groups.slice(6) } : { version: 6, groups };
  }
  const groups = parseIpv4(trimmed);
  return groups ? { version: 4, groups } : undefined;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a bare address (a block of one). */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const maxLength = address.groups.length * 16;
  if (slash < 0) return { ...address, prefixLength: maxLength };
  const lengthText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(lengthText)) return undefined;
  const written = Number(lengthText);
  // A mapped IPv6 block's prefix counts the 96 bits before the IPv4 part.
  const prefixLength = text.includes(':') && address.version === 4 ? written - 96 : written;
  if (prefixLength < 0 || prefixLength > maxLength) return undefined;
  return { ...address, prefixLength };
}

export function cidrContains(block: CidrBlock, address: IpAddress): boolean {
  if (block.version !== address.version) return false;
  let remaining = block.prefixLength;
  for (let index = 0; remaining > 0; index += 1) {
    const bits = Math.min(16, remaining);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((block.groups[index] ?? 0) & mask) !== ((address.groups[index] ?? 0) & mask)) return false;
    remaining -= bits;
  }
  return true;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    octets.push(value);
  }
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return [(a << 8) | b, (c << 8) | d];
}

function parseIpv6(text: string): number[] | undefined {
  const zoneless = text.split('%')[0] ?? '';
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function parseIpv6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push(...v4);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}
