/**
 * Property: the streaming engine and the brute-force reference return the same alerts (content and order) on
 * generated correlations (every type, operator, ranges, group-by tuples, aliases, chains) and sequences (ties,
 * window edges, out-of-order records with and without lateness, untimed events, missing fields).
 * Seed: SIGMATEST_SEED (default 20240501), printed; runs: SIGMATEST_RUNS (default 10,000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowModelOf } from './condition.js';
import { CorrelationEngine, type CorrelationOptions } from './engine.js';
import { referenceCorrelate, type ReferenceInput } from './reference.js';
import { BASE } from './test-support.js';
import type { CorrelationAlert, CorrelationType, CountOp, CountTest, IrCorrelation } from './types.js';

const SEED = Number(process.env['SIGMATEST_SEED'] ?? 20240501);
const RUNS = Number(process.env['SIGMATEST_RUNS'] ?? 10_000);
const TYPES: CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median'];
const OPS: CountOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const RULES = ['a', 'b', 'c'];

const testArb = fc.record({ op: fc.constantFrom(...OPS), value: fc.integer({ min: -1, max: 5 }) });
const conditionArb: fc.Arbitrary<CountTest[]> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom<CountOp>('gt', 'gte'), value: fc.integer({ min: 0, max: 4 }) }).map((t) => [t]) },
  { weight: 2, arbitrary: fc.array(testArb, { minLength: 1, maxLength: 2 }) },
);

interface Shape {
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  aliased: boolean;
  seconds: number;
  condition: CountTest[];
  percentile: number;
  tupleField: boolean;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  type: fc.constantFrom(...TYPES),
  rules: fc.array(fc.constantFrom(...RULES), { minLength: 1, maxLength: 3 }),
  groupBy: fc.constantFrom([], ['g'], ['g', 'h']),
  aliased: fc.boolean(),
  seconds: fc.integer({ min: 1, max: 5 }),
  condition: conditionArb,
  percentile: fc.integer({ min: 0, max: 100 }),
  tupleField: fc.boolean(),
});

function build(id: string, s: Shape, rules: string[]): IrCorrelation {
  const field = s.type === 'event_count' || s.type === 'temporal' || s.type === 'temporal_ordered'
    ? null
    : s.type === 'value_count' && s.tupleField ? ['v', 'w'] : ['v'];
  const aliases: Record<string, Record<string, string>> = s.aliased && s.groupBy.includes('g') ? { g: { [rules[0] as string]: 'g2' } } : {};
  return {
    id,
    title: id,
    path: 'p.yml',
    span: { file: 'p.yml', line: 1, col: 1 },
    type: s.type,
    rules,
    resolved: rules,
    groupBy: s.groupBy,
    timespanSeconds: s.seconds,
    timespan: `${s.seconds}s`,
    condition: s.condition,
    ...(s.type === 'value_percentile' ? { percentile: s.percentile } : {}),
    field,
    aliases,
    generate: false,
    window: windowModelOf(s.type, s.condition),
  };
}

/** One or two independent correlations, or an inner one and an outer one over it (and maybe a rule). */
const correlationsArb: fc.Arbitrary<IrCorrelation[]> = fc.oneof(
  shapeArb.map((s) => [build('one', s, s.rules)]),
  fc.tuple(shapeArb, shapeArb).map(([s, t]) => [build('one', s, s.rules), build('two', t, t.rules)]),
  fc.tuple(shapeArb, shapeArb, fc.boolean(), fc.boolean()).map(([inner, outer, withRule, innerFirst]) => {
    const innerIr = build('inner', { ...inner, aliased: false }, inner.rules);
    const refs = withRule ? (innerFirst ? ['inner', 'c'] : ['c', 'inner']) : ['inner'];
    const outerShape = { ...outer, groupBy: inner.groupBy.slice(0, outer.groupBy.length), aliased: false };
    const outerIr = build('outer', outerShape, refs);
    const valued = outerIr.field ? { ...outerIr, field: [inner.groupBy[0] ?? 'v'] } : outerIr;
    return [valued, innerIr];
  }),
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

const stepArb = fc.record({
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, -2, 0.5, 5)),
  untimed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  matched: fc.subarray(['a', 'b', 'c', 'z'], { minLength: 0, maxLength: 3 }),
  g: maybe(fc.constantFrom('x', 'y')),
  g2: maybe(fc.constantFrom('x', 'y')),
  h: maybe(fc.constantFrom<unknown>(1, '1', 2)),
  v: maybe(fc.constantFrom<unknown>(0, 1, 2, 3, 2.5, -1, '3', '0.1', 'bad', null)),
  w: maybe(fc.constantFrom<unknown>('p', 'q')),
});

type StepValue = typeof stepArb extends fc.Arbitrary<infer U> ? U : never;

function toInputs(steps: readonly StepValue[]): ReferenceInput[] {
  let t = 0;
  return steps.map((s, i) => {
    t += s.dt * 1000;
    const fields: Record<string, unknown> = {};
    for (const k of ['g', 'g2', 'h', 'v', 'w'] as const) if (s[k] !== undefined) fields[k] = s[k];
    if (!s.untimed) fields['timestamp'] = BASE + t;
    return { event: fields, origin: [i % 3 === 0 ? 'f1' : 'f2', i] as const, matchedRuleIds: s.matched };
  });
}

function runEngine(cs: readonly IrCorrelation[], list: readonly ReferenceInput[], options: CorrelationOptions): CorrelationAlert[] {
  const engine = new CorrelationEngine(cs, options);
  const out = list.flatMap((i) => engine.push(i.event, i.origin, i.matchedRuleIds));
  out.push(...engine.flush());
  expect(engine.stats()).toMatchObject({ groups: 0, records: 0 });
  return out;
}

describe('engine ≡ reference (property)', () => {
  it(`agrees on ${RUNS} generated correlations and sequences`, () => {
    console.log(`correlation property test: seed ${SEED}, ${RUNS} runs (SIGMATEST_SEED / SIGMATEST_RUNS to change)`);
    const fired = new Map<string, number>();
    let withAlerts = 0;
    fc.assert(
      fc.property(correlationsArb, fc.array(stepArb, { maxLength: 24 }), fc.constantFrom(0, 0, 1, 3), (cs, steps, lateness) => {
        const list = toInputs(steps);
        const options = { lateness };
        const engine = runEngine(cs, list, options);
        expect(engine).toEqual(referenceCorrelate(cs, list, options));
        if (engine.length > 0) withAlerts++;
        for (const a of engine) {
          const c = cs.find((x) => x.id === a.correlationId) as IrCorrelation;
          const key = `${c.type}/${c.window}${c.id === 'outer' ? '/chained' : ''}`;
          fired.set(key, (fired.get(key) ?? 0) + 1);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator is not vacuous: every type fires under both models where both exist, and chains fire.
    expect(withAlerts).toBeGreaterThan(RUNS / 5);
    for (const t of TYPES) expect(fired.get(`${t}/anchored`) ?? 0, `${t}/anchored`).toBeGreaterThan(0);
    for (const t of ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum']) {
      expect(fired.get(`${t}/sliding`) ?? 0, `${t}/sliding`).toBeGreaterThan(0);
    }
    expect([...fired.keys()].filter((k) => k.endsWith('/chained')).length).toBeGreaterThan(3);
  });
});
