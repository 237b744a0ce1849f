/**
 * IPv4 / IPv6 address parsing for `cidr` (semantics §5.12). Pure functions, no allocation beyond the result.
 * IPv6 accepts `::` compression, hex in any case and a trailing dotted IPv4; zone ids (`%eth0`) are ignored.
 * An IPv4-mapped IPv6 address stays IPv6 (it is not inside an IPv4 network, as in Python's ipaddress).
 */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly bytes: readonly number[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number[] | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const bytes = m.slice(1, 5).map(Number);
  for (let i = 1; i <= 4; i++) {
    const part = m[i] ?? '';
    if (part.length > 1 && part.startsWith('0')) return null; // no octal-looking parts (Python rejects them)
  }
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  const pieces = text.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (!v4) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
}

export function parseIpv6(input: string): number[] | null {
  const text = input.includes('%') ? input.slice(0, input.indexOf('%')) : input;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

export function parseIp(text: string): IpAddress | null {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const bytes = parseIpv6(trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed);
    return bytes ? { version: 6, bytes } : null;
  }
  const bytes = parseIpv4(trimmed);
  return bytes ? { version: 4, bytes } : null;
}

/** Whether the first `prefix` bits of `address` equal those of `network`. */
export function inNetwork(address: readonly number[], network: readonly number[], prefix: number): boolean {
  let bits = prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address[i] ?? 0) & mask) !== ((network[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Whether any bit after `prefix` is set (Python's strict ip_network rejects such networks). */
export function hostBitsSet(network: readonly number[], prefix: number): boolean {
  for (let bit = prefix; bit < network.length * 8; bit++) {
    if (((network[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) return true;
  }
  return false;
}
