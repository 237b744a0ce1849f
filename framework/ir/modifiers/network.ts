/** cidr (semantics §5.12): must come first; an invalid network or one with host bits set rejects the rule. */
import { hostBitsSet, parseIp } from '../ip.js';
import type { ModifierDef } from './work.js';
import { mustBeFirst } from './work.js';

export const cidr: ModifierDef = {
  name: 'cidr',
  apply(work, ctx) {
    if (!mustBeFirst(ctx, 'cidr')) return null;
    if (work.t !== 'raw' || typeof work.v !== 'string') {
      ctx.report('INVALID_CIDR', "'cidr' needs a network written as a string, e.g. '10.0.0.0/8' or 'fe80::/10'");
      return null;
    }
    const text = work.v.trim();
    const slash = text.indexOf('/');
    const address = parseIp(slash < 0 ? text : text.slice(0, slash));
    const maxPrefix = address?.version === 4 ? 32 : 128;
    const prefixText = slash < 0 ? String(maxPrefix) : text.slice(slash + 1);
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!address || !(prefix >= 0 && prefix <= maxPrefix)) {
      ctx.report('INVALID_CIDR', `'${work.v}' is not a valid IPv4 or IPv6 network`);
      return null;
    }
    if (hostBitsSet(address.bytes, prefix)) {
      ctx.report('INVALID_CIDR', `'${work.v}' has host bits set after the /${prefix} prefix`);
      return null;
    }
    return { t: 'done', matcher: { kind: 'cidr', version: address.version, bytes: address.bytes, prefix, text: work.v } };
  },
};
