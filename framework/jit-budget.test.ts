/**
 * jit-budget.ts: when the budget may change, that nested, async and failing runs lower it once and restore V8's
 * default after the last, that V8's default is the one restored, and that rule loading and ruleset compiling use it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PORTMAP_RULE_YAML } from './test-support/portmap-rule.js';

const flagCalls = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (importOriginal) => {
  const v8 = await importOriginal<typeof import('node:v8')>();
  return { ...v8, setFlagsFromString: (flags: string) => flagCalls.push(flags) };
});

const { budgetTunable, INLINING_FLAG, LOAD_BUDGET, LoadBudget, V8_DEFAULT_BUDGET } = await import('./jit-budget.js');
const { compileRuleset } = await import('./engine/ruleset-matcher.js');
const { buildRuleset } = await import('./ruleset/build-ruleset.js');

const LOWER = `${INLINING_FLAG}=${LOAD_BUDGET}`;
const RESTORE = `${INLINING_FLAG}=${V8_DEFAULT_BUDGET}`;

function recorder(tunable = true): { budget: InstanceType<typeof LoadBudget>; calls: string[] } {
  const calls: string[] = [];
  return { budget: new LoadBudget((f) => calls.push(f), tunable), calls };
}

describe('budgetTunable', () => {
  it('is true on the main thread when nobody set the flag', () => {
    expect(budgetTunable(['--v8-pool-size=1'], '--max-old-space-size=4096', {}, true)).toBe(true);
  });

  it('is false in a worker thread, with SIGMATEST_V8_INLINING=node, or when the user gave the flag', () => {
    expect(budgetTunable([], undefined, {}, false)).toBe(false);
    expect(budgetTunable([], undefined, { SIGMATEST_V8_INLINING: 'node' }, true)).toBe(false);
    expect(budgetTunable([`${INLINING_FLAG}=300`], undefined, {}, true)).toBe(false);
    expect(budgetTunable([], `--foo ${INLINING_FLAG}=300`, {}, true)).toBe(false);
    expect(budgetTunable([INLINING_FLAG, '300'], undefined, {}, true)).toBe(false);
    expect(budgetTunable(['--max_inlined_bytecode_size_cumulative=300'], undefined, {}, true)).toBe(false);
    expect(budgetTunable(['--max-inlined-bytecode-size=300'], undefined, {}, true)).toBe(true);
  });
});

describe('LoadBudget', () => {
  it('lowers the budget once for nested runs and restores it after the outermost', () => {
    const { budget, calls } = recorder();
    const value = budget.run(() => {
      expect(calls).toEqual([LOWER]);
      return budget.run(() => 42);
    });
    expect(value).toBe(42);
    expect(calls).toEqual([LOWER, RESTORE]);
  });

  it('restores the budget when the run throws', () => {
    const { budget, calls } = recorder();
    expect(() => budget.run(() => {
      throw new Error('bad rule');
    })).toThrow('bad rule');
    expect(calls).toEqual([LOWER, RESTORE]);
  });

  it('keeps an async run lowered until its promise settles, rejected ones included', async () => {
    const { budget, calls } = recorder();
    let release: () => void = () => {};
    const pending = budget.run(() => new Promise<string>((resolve) => (release = () => resolve('done'))));
    const overlapping = budget.run(async () => 'quick');
    expect(await overlapping).toBe('quick');
    expect(calls).toEqual([LOWER]);
    release();
    expect(await pending).toBe('done');
    expect(calls).toEqual([LOWER, RESTORE]);
    await expect(budget.run(async () => Promise.reject(new Error('io')))).rejects.toThrow('io');
    expect(calls).toEqual([LOWER, RESTORE, LOWER, RESTORE]);
  });

  it('changes nothing when the budget is not tunable', () => {
    const { budget, calls } = recorder(false);
    expect(budget.run(() => 'x')).toBe('x');
    expect(calls).toEqual([]);
  });
});

describe('V8 default', () => {
  it('is the value restored, on this Node', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(options).toContain(`default: ${INLINING_FLAG}=${V8_DEFAULT_BUDGET}\n`);
  });
});

describe('use', () => {
  it('loads rules and compiles a ruleset with the load budget, restoring it after each', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sigmatest-budget-'));
    writeFileSync(join(folder, 'rule.yml'), PORTMAP_RULE_YAML);
    flagCalls.length = 0;
    const ruleset = await buildRuleset([folder], { logsourceMap: null });
    rmSync(folder, { recursive: true, force: true });
    expect(ruleset.rules).toHaveLength(1);
    const tunable = budgetTunable(process.execArgv, process.env['NODE_OPTIONS'], process.env, true);
    expect(flagCalls).toEqual(tunable ? [LOWER, RESTORE] : []);
    const matcher = compileRuleset(ruleset.rules.map((r) => r.ir));
    expect(matcher.match({ Initiated: 'true', DestinationHostname: 'x.portmap.io' })).toEqual([0]);
    expect(flagCalls).toEqual(tunable ? [LOWER, RESTORE, LOWER, RESTORE] : []);
  });
});
