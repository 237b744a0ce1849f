/**
 * lowerItem: the shortcut for the most common values (a string under one contains/startswith/endswith, with
 * all/neq) gives exactly what the modifier chain gives — the same IR, item flags and diagnostics — for any chain
 * and value (property against `shortcuts: false`; the seed is printed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScalarValue, SigmaItem } from '../loader/types.js';
import { lowerItem } from './lower-item.js';

const seed = Number(process.env['SIGMATEST_SEED'] ?? 8112);
const span = { file: 'r.yml', line: 3, col: 5 };
const MODIFIERS = ['contains', 'startswith', 'endswith', 'all', 'neq', 'cased', 'windash', 're', 'i', 'base64', 'wide', 'exists', 'contain'];
const VALUES: readonly ScalarValue[] = ['cmd', '*cmd*', 'a\\*b', 'c:\\win?', '\\', '', '-enc /c', 'İ', 1, 0, true, null, '(?i)x.*'];

function lowered(field: string | null, modifiers: readonly string[], values: readonly ScalarValue[], shortcuts: boolean): unknown {
  const reports: unknown[] = [];
  const item: SigmaItem = {
    key: [field ?? '', ...modifiers].join('|'),
    field,
    modifiers,
    values,
    isList: values.length > 1,
    span,
    valueSpans: values.map(() => span),
  };
  const ir = lowerItem(item, { shortcuts }, (...report) => reports.push(report));
  return { ir, reports };
}

describe('lowerItem shortcut', () => {
  it('lowers exactly like the modifier chain (property)', () => {
    console.info(`lowerItem shortcut: fast-check seed ${seed}`);
    fc.assert(
      fc.property(
        fc.constantFrom<string | null>('CommandLine', null),
        fc.array(fc.constantFrom(...MODIFIERS), { maxLength: 3 }),
        fc.array(fc.constantFrom(...VALUES), { minLength: 0, maxLength: 3 }),
        (field, modifiers, values) => {
          expect(lowered(field, modifiers, values, true)).toEqual(lowered(field, modifiers, values, false));
        },
      ),
      { seed, numRuns: 3000 },
    );
  });

  it('takes the shortcut for contains|all and sets the item flags', () => {
    const { ir } = lowered('CommandLine', ['contains', 'all'], ['a', 'b'], true) as { ir: { linking: string; values: unknown[] } };
    expect(ir.linking).toBe('and');
    expect(ir.values).toHaveLength(2);
  });
});
