/**
 * Addresses for `cidr` (semantics §5.12, framework/ir/ip.ts): one inside a network (random host bits) and the
 * addresses just outside it (the one before the network and the one after its last address), IPv4 dotted or
 * IPv6 with the longest zero run compressed. Must hold: `inside` is in the network, `justOutside` ones are not.
 */
import type { IrMatcher } from '../../framework/ir/types.js';
import type { Rng } from './rng.js';

type Cidr = Extract<IrMatcher, { kind: 'cidr' }>;

function format(version: 4 | 6, bytes: readonly number[]): string {
  if (version === 4) return bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** The network's bytes with every host bit replaced: `fill(bitIndex)` gives each host bit. */
function withHostBits(m: Cidr, fill: (bit: number) => number): number[] {
  const bytes = [...m.bytes];
  for (let bit = m.prefix; bit < bytes.length * 8; bit++) {
    const i = bit >> 3;
    const mask = 1 << (7 - (bit & 7));
    bytes[i] = fill(bit) ? (bytes[i] ?? 0) | mask : (bytes[i] ?? 0) & ~mask;
  }
  return bytes;
}

export function addressInside(m: Cidr, rng: Rng): string {
  return format(m.version, withHostBits(m, () => rng.nextInt(0, 1)));
}

/** Adds `delta` (±1) to a big-endian byte array; null on overflow. */
function step(bytes: readonly number[], delta: 1 | -1): number[] | null {
  const out = [...bytes];
  for (let i = out.length - 1; i >= 0; i--) {
    const v = (out[i] ?? 0) + delta;
    if (v >= 0 && v <= 255) {
      out[i] = v;
      return out;
    }
    out[i] = delta === 1 ? 0 : 255;
  }
  return null;
}

/** The address before the network's first one and after its last one (either may not exist, e.g. for /0). */
export function addressesJustOutside(m: Cidr): string[] {
  const below = step(withHostBits(m, () => 0), -1);
  const above = step(withHostBits(m, () => 1), 1);
  return [below, above].filter((b): b is number[] => b !== null).map((b) => format(m.version, b));
}

/** An address of the other IP version (never inside a network of this one). */
export function addressOtherVersion(m: Cidr, rng: Rng): string {
  return m.version === 4 ? `2001:db8::${rng.nextInt(1, 0xfff).toString(16)}` : `192.0.2.${rng.nextInt(1, 254)}`;
}
