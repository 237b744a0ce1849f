import { describe, expect, it } from 'vitest';
import { resolveYaml11Plain } from './yaml11.js';

/** Expected values checked against PyYAML 6.0.3 `yaml.safe_load` (semantics §2.1). */
const TABLE: ReadonlyArray<readonly [string, string | number | boolean | null]> = [
  // §2.1 table
  ['00000429', '00000429'],
  ['00050429', '00050429'],
  ['0000042a', '0000042a'],
  ['010', 8],
  ['0o10', '0o10'],
  ['1e3', '1e3'],
  ['1_000', 1000],
  ['1:30', 90],
  ['12:00:00', 43200],
  ['0x10', 16],
  // integers
  ['0', 0],
  ['-0', 0],
  ['+12', 12],
  ['4688', 4688],
  ['-4688', -4688],
  ['-010', -8],
  ['00', 0],
  ['0_', 0],
  ['08', '08'],
  ['09', '09'],
  ['0b101', 5],
  ['+0b101', 5],
  ['-0b1_0', -2],
  ['0b', '0b'],
  ['0x_1F', 31],
  ['0X10', '0X10'],
  ['1__0', 10],
  ['-1:30', -90],
  ['190:20:30', 685230],
  ['1:60', '1:60'],
  // floats
  ['1.5', 1.5],
  ['-1.5', -1.5],
  ['1.', 1],
  ['.5', 0.5],
  ['+.5', '+.5'],
  ['0.0', 0],
  ['1.0e3', '1.0e3'],
  ['1.0e+3', 1000],
  ['1:30.5', 90.5],
  ['.inf', Infinity],
  ['-.inf', -Infinity],
  ['+.inf', Infinity],
  ['.INF', Infinity],
  ['-.nan', '-.nan'],
  // booleans
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['on', true],
  ['On', true],
  ['ON', true],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['no', false],
  ['No', false],
  ['NO', false],
  ['off', false],
  ['Off', false],
  ['OFF', false],
  ['false', false],
  ['False', false],
  ['FALSE', false],
  ['yEs', 'yEs'],
  ['tRue', 'tRue'],
  ['y', 'y'],
  ['n', 'n'],
  ['Y', 'Y'],
  // nulls
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['', null],
  ['nULL', 'nULL'],
  // strings
  ['abc', 'abc'],
  ['2023-1-1', '2023-1-1'],
];

describe('resolveYaml11Plain (PyYAML implicit typing)', () => {
  it.each(TABLE)('%j → %j', (source, expected) => {
    const resolved = resolveYaml11Plain(source);
    expect(resolved.value).toStrictEqual(expected);
    expect(resolved.timestamp).toBe(false);
  });

  it('types .nan as NaN', () => {
    expect(resolveYaml11Plain('.nan').value).toBeNaN();
    expect(resolveYaml11Plain('.NaN').value).toBeNaN();
  });

  it.each(['2023-01-01', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43'])(
    'keeps the timestamp %j as a string and flags it',
    (source) => {
      expect(resolveYaml11Plain(source)).toEqual({ value: source, timestamp: true });
    },
  );
});

describe('resolveYaml11Plain shortcut', () => {
  // Every PyYAML implicit resolver starts with one of - + . 0-9 ~ n N y Y t T f F o O; anything else stays text.
  const typed = ['true', '12', '.5', '~', 'null', 'yes', 'on', '2024-01-02', '0x1F', '+1', '-.inf'];
  it.each(['a', 'b', 'x', 'Z', '\\', '*', '%', 'é', '_'])('keeps text starting with %j a string', (first) => {
    for (const tail of typed) expect(resolveYaml11Plain(first + tail)).toEqual({ value: first + tail, timestamp: false });
  });
  it('still types text starting with those characters', () => {
    expect(typed.map((s) => resolveYaml11Plain(s).value)).toEqual([true, 12, 0.5, null, null, true, true, '2024-01-02', 31, 1, -Infinity]);
  });
});
