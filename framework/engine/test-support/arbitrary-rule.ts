/**
 * fast-check arbitraries for differential testing: random Sigma rules (as loader ASTs, every modifier chain
 * the engine accepts, adversarial strings) and random events built from the same fragments so that matches
 * and near misses both happen often. Test support only (not built into dist/).
 */
import fc from 'fast-check';
import type { ScalarValue, SigmaItem, SigmaRule, SigmaSearch } from '../../loader/types.js';
import { spanAt } from '../../source.js';

export const FIELDS = ['CommandLine', 'Image', 'User', 'EventID', 'proc.name', 'Data', 'Initiated', 'DestinationIp', 'UtcTime'] as const;

/** Fragments chosen to hit escaping, wildcards, folding, windash and injection edge cases. */
export const FRAGMENTS = [
  'cmd', 'CMD', 'Cmd.exe', 'powershell', ' -enc ', ' /c ', '-ep', '–ep', '—', 'start/b', '\\', '\\\\', '\\*', '\\?', '*', '?',
  'C:\\Windows\\', 'é', 'É', 'ARRÊTÉ', 'arrêté', 'ß', 'SS', 'Σ', 'ς', 'σ', 'İ', 'i', 'K', '\u212a', 'а', 'a', '😀', '\n', '\r\n',
  ' ', '', "'", '"', '`', '${x}', '</script>', '\u0000', '\u2028', '%Admins%', 'true', 'FALSE', '10', '4688', ' 4688 ', '0x10',
  '1.5', 'null', '10.1.2.3', 'fe80::1', '::ffff:10.1.2.3', '2024-05-01 03:15:00', 'YXBpbmc', 'cGluZw', 'AAaQBuAGcA',
] as const;

const fragment = fc.constantFrom(...FRAGMENTS);
export const text = fc.array(fragment, { minLength: 0, maxLength: 4 }).map((parts) => parts.join(''));

/** A literal without Sigma wildcards (for encodings, fieldref). */
const plainText = text.map((s) => s.replace(/[*?\\]/g, '')).filter((s) => s.length > 0);
const regexSource = fc.constantFrom('cmd', '^C:', 'exe$', 'a.b', '\\d+', '(?i)CMD', '[a-z]+\\.exe', 'é|ß', '\\s-enc\\s', '.*');

type Chain = { mods: string[]; value: fc.Arbitrary<ScalarValue> };

const stringValue: fc.Arbitrary<ScalarValue> = fc.oneof(text, fc.integer({ min: -5, max: 5000 }), fc.boolean());
const scalarValue: fc.Arbitrary<ScalarValue> = fc.oneof(stringValue, fc.constant(null), fc.double({ min: -10, max: 10, noNaN: true }));

const CHAINS: readonly Chain[] = [
  { mods: [], value: scalarValue },
  { mods: ['contains'], value: stringValue },
  { mods: ['startswith'], value: stringValue },
  { mods: ['endswith'], value: stringValue },
  { mods: ['contains', 'all'], value: stringValue },
  { mods: ['contains', 'cased'], value: stringValue },
  { mods: ['cased'], value: text },
  { mods: ['neq'], value: scalarValue },
  { mods: ['contains', 'neq'], value: stringValue },
  { mods: ['contains', 'windash'], value: text },
  { mods: ['windash', 'endswith'], value: text },
  { mods: ['base64offset', 'contains'], value: plainText },
  { mods: ['base64', 'contains'], value: plainText },
  { mods: ['wide', 'base64offset', 'contains'], value: plainText },
  { mods: ['utf16be', 'base64offset', 'contains'], value: plainText },
  { mods: ['utf16', 'base64', 'contains'], value: plainText },
  { mods: ['wide', 'contains'], value: plainText },
  { mods: ['re'], value: regexSource },
  { mods: ['re', 'i'], value: regexSource },
  { mods: ['re', 'm', 's'], value: regexSource },
  { mods: ['cidr'], value: fc.constantFrom('10.0.0.0/8', '10.1.2.0/24', 'fe80::/10', '::ffff:0:0/96', '0.0.0.0/0') },
  { mods: ['exists'], value: fc.boolean() },
  { mods: ['lt'], value: fc.integer({ min: -5, max: 5000 }) },
  { mods: ['gte'], value: fc.double({ min: -10, max: 5000, noNaN: true }) },
  { mods: ['hour'], value: fc.integer({ min: 0, max: 23 }) },
  { mods: ['week'], value: fc.integer({ min: 1, max: 53 }) },
  { mods: ['fieldref'], value: fc.constantFrom(...FIELDS) },
  { mods: ['fieldref', 'contains'], value: fc.constantFrom(...FIELDS) },
  { mods: ['fieldref', 'neq'], value: fc.constantFrom(...FIELDS) },
  { mods: ['expand'], value: fc.constantFrom('%Admins%', 'x%Admins%y', '\\%Admins%') },
  { mods: ['contains', 'expand'], value: fc.constantFrom('%Admins%', 'pre %Admins%') },
];

export const PLACEHOLDERS = { Admins: ['adm_*', 'root', 'cmd'] } as const;

const span = spanAt('generated.yml');

function item(field: string | null, chain: Chain): fc.Arbitrary<SigmaItem> {
  return fc.array(chain.value, { minLength: 1, maxLength: 3 }).map((values) => ({
    key: field === null ? null : [field, ...chain.mods].join('|'),
    field,
    modifiers: chain.mods,
    values,
    isList: values.length > 1,
    span,
    valueSpans: values.map(() => span),
  }));
}

const fieldItem = fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...CHAINS)).chain(([f, c]) => item(f, c));
const keywordItem = fc
  .constantFrom<Chain>({ mods: [], value: text }, { mods: ['all'], value: text }, { mods: ['contains', 'cased'], value: text }, { mods: ['re'], value: regexSource })
  .chain((c) => item(null, c).map((i) => ({ ...i, key: c.mods.length > 0 ? '|' + c.mods.join('|') : null })));

const mapSearch: fc.Arbitrary<SigmaSearch> = fc
  .uniqueArray(fieldItem, { minLength: 1, maxLength: 3, selector: (i) => i.key })
  .map((items) => ({ kind: 'map', items, span }));
const search: fc.Arbitrary<SigmaSearch> = fc.oneof(
  { weight: 6, arbitrary: mapSearch },
  { weight: 1, arbitrary: keywordItem.map((i): SigmaSearch => ({ kind: 'keywords', item: i, span })) },
  { weight: 2, arbitrary: fc.array(mapSearch, { minLength: 2, maxLength: 3 }).map((elements): SigmaSearch => ({ kind: 'anyOf', elements, span })) },
);

const NAMES = ['selection', 'sel_a', 'sel_b', 'filter_x', 'filter_y', '_hidden'] as const;

function conditionFor(names: readonly string[]): fc.Arbitrary<string> {
  const atom = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom('1 of sel*', 'all of sel*', 'any of them', 'all of them', '1 of filter_*', 'not 1 of filter_*'),
  );
  return fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      tie('expr').map((e) => `not ${e}`),
    ),
  })).expr;
}

export const sigmaRule: fc.Arbitrary<SigmaRule> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.tuple(fc.constant(names), fc.array(search, { minLength: names.length, maxLength: names.length }), conditionFor(names)),
  )
  .map(([names, searches, condition]) => ({
    kind: 'rule',
    file: 'generated.yml',
    docIndex: 0,
    span,
    title: 'generated',
    tags: [],
    references: [],
    falsepositives: [],
    raw: {},
    logsource: { product: 'windows', category: 'process_creation' },
    logsourceSpan: span,
    detection: {
      identifiers: names.map((name, i) => ({ name, search: searches[i] as SigmaSearch, span })),
      conditions: [{ text: condition, span }],
      span,
    },
  }));

const eventValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: text },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 5000 }) },
  { weight: 1, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(text, fc.integer({ min: 0, max: 50 }), fc.constant(null)), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('x', 'name'), text, { maxKeys: 2 }) },
);

/** Events over the same field names, with the dotted field sometimes flat, sometimes nested. */
export const event: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.dictionary(fc.constantFrom(...FIELDS), eventValue, { maxKeys: 6 }), fc.boolean(), eventValue)
  .map(([flat, nest, nested]) => (nest ? { ...flat, proc: { name: nested } } : flat));
