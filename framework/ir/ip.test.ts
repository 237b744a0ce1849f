import { describe, expect, it } from 'vitest';
import { hostBitsSet, inNetwork, parseIp } from './ip.js';

describe('parseIp', () => {
  it('IPv4', () => expect(parseIp('10.20.30.40')).toEqual({ version: 4, bytes: [10, 20, 30, 40] }));
  it('rejects bad IPv4', () => {
    for (const s of ['256.1.1.1', '1.2.3', '01.2.3.4', 'not-an-ip', '']) expect(parseIp(s)).toBeNull();
  });
  it('IPv6 forms', () => {
    expect(parseIp('::1')?.bytes).toEqual([...new Array(15).fill(0), 1]);
    expect(parseIp('FEBF::1')?.bytes.slice(0, 2)).toEqual([0xfe, 0xbf]);
    expect(parseIp('::ffff:10.1.2.3')?.bytes.slice(10)).toEqual([0xff, 0xff, 10, 1, 2, 3]);
    expect(parseIp('fe80::1%eth0')?.version).toBe(6);
  });
  it('rejects bad IPv6', () => {
    for (const s of ['1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(parseIp(s)).toBeNull();
  });
});

describe('inNetwork / hostBitsSet', () => {
  it('prefix containment', () => {
    expect(inNetwork([10, 20, 30, 40], [10, 0, 0, 0], 8)).toBe(true);
    expect(inNetwork([11, 0, 0, 1], [10, 0, 0, 0], 8)).toBe(false);
    expect(inNetwork([0xfe, 0xbf], [0xfe, 0x80], 10)).toBe(true);
    expect(inNetwork([0xfe, 0xc0], [0xfe, 0x80], 10)).toBe(false);
    expect(inNetwork([1, 2, 3, 4], [0, 0, 0, 0], 0)).toBe(true);
  });
  it('host bits', () => {
    expect(hostBitsSet([10, 1, 2, 3], 8)).toBe(true);
    expect(hostBitsSet([10, 0, 0, 0], 8)).toBe(false);
  });
});
