/**
 * SigmaHQ regression data as cases. Sources: every info.yml under each `--regression DIR`, and each rule's own
 * `regression_tests_path` (resolved against the rule file's ancestor folders, as SigmaHQ's paths are relative
 * to the repository root). Each test becomes a RunnableCase on every loaded rule its info.yml names, with the
 * expectation "at least match_count (default 1)" — more matches is a warning, as SigmaHQ does.
 * Tests for rules that are not loaded are warnings (they are counted, never silently dropped).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Event } from '../engine/event.js';
import { readEvents } from '../events/index.js';
import type { Problem } from '../report/model.js';
import type { PreparedRule, Ruleset } from '../ruleset/build-ruleset.js';
import type { RunnableCase } from './evaluate-case.js';
import { readRegressionTests, type RegressionTest } from './sigma-regression.js';

export interface RegressionCases {
  readonly byRule: ReadonlyMap<PreparedRule, readonly RunnableCase[]>;
  readonly problems: readonly Problem[];
}

function resolveUpwards(from: string, relative: string): string | null {
  let dir = path.dirname(path.resolve(from));
  for (;;) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function lineOf(infoFile: string, needle: string): Promise<number> {
  const text = await readFile(infoFile, 'utf8').catch(() => '');
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  return index >= 0 ? index + 1 : 1;
}

async function readCaseEvents(file: string): Promise<{ events: Event[]; errors: Diagnostic[] }> {
  const events: Event[] = [];
  const errors: Diagnostic[] = [];
  for await (const record of readEvents(file)) {
    if (record.kind === 'error') errors.push(record.diagnostic);
    else events.push(record.event);
  }
  return { events, errors };
}

async function toCase(test: RegressionTest): Promise<RunnableCase> {
  const { events, errors } = await readCaseEvents(test.eventsFile);
  const needle = path.basename(test.eventsFile).replace(/\.json$/i, '');
  return {
    name: `${test.name} (${path.basename(test.eventsFile)})`,
    origin: 'regression',
    span: { file: test.infoFile, line: await lineOf(test.infoFile, needle), col: 1 },
    expect: { kind: 'count', count: test.matchCount, atLeast: true },
    events,
    readErrors: errors,
    tags: ['regression', test.type],
  };
}

async function collectTests(ruleset: Ruleset, dirs: readonly string[], problems: Problem[]): Promise<RegressionTest[]> {
  const infoFiles = new Set<string>();
  const tests: RegressionTest[] = [];
  const add = async (dirOrInfo: string): Promise<void> => {
    const found = await readRegressionTests(dirOrInfo);
    for (const e of found.errors) problems.push({ code: 'REGRESSION', severity: 'error', message: e, span: { file: dirOrInfo, line: 1, col: 1 } });
    for (const t of found.tests) {
      const key = `${path.resolve(t.infoFile)}#${t.eventsFile}`;
      if (!infoFiles.has(key)) tests.push(t);
      infoFiles.add(key);
    }
  };
  for (const dir of dirs) {
    if (!existsSync(dir)) problems.push({ code: 'REGRESSION', severity: 'error', message: `regression folder not found: ${dir}`, span: { file: dir, line: 1, col: 1 } });
    else await add(dir);
  }
  for (const rule of ruleset.rules) {
    const ref = rule.source.raw['regression_tests_path'];
    if (typeof ref !== 'string' || ref === '') continue;
    const info = resolveUpwards(rule.source.file, ref);
    if (info) await add(info);
    else problems.push({ code: 'REGRESSION', severity: 'warning', message: `regression_tests_path ${ref} not found above the rule file`, span: rule.source.span, ruleId: rule.ir.id });
  }
  return tests;
}

export async function regressionCases(ruleset: Ruleset, dirs: readonly string[]): Promise<RegressionCases> {
  const problems: Problem[] = [];
  const tests = await collectTests(ruleset, dirs, problems);
  const byId = new Map(ruleset.rules.filter((r) => r.source.id).map((r) => [r.source.id!, r]));
  const byRule = new Map<PreparedRule, RunnableCase[]>();
  for (const test of tests) {
    if (test.type !== 'evtx') {
      problems.push({ code: 'REGRESSION', severity: 'warning', message: `regression test ${test.name} has type ${test.type}; only evtx (with its JSON export) is supported: not run`, span: { file: test.infoFile, line: 1, col: 1 } });
      continue;
    }
    const rules = test.ruleIds.map((id) => byId.get(id));
    if (rules.every((r) => r === undefined)) {
      const message = `regression test ${test.name} is for rule ${test.ruleIds.join(', ') || '(none named)'}, which is not loaded: not run`;
      problems.push({ code: 'REGRESSION', severity: 'warning', message, span: { file: test.infoFile, line: 1, col: 1 } });
      continue;
    }
    const runnable = await toCase(test);
    for (const rule of rules) if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), runnable]);
  }
  return { byRule, problems };
}
