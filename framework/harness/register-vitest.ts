/**
 * Rules and cases as vitest tests: a describe per rule (and per correlation rule, whose cases are sequence cases),
 * a test per case, a test per policy requirement and one per problem (rule not loaded, unknown rule in a case
 * file, invalid case file…), so `vitest --watch` and `-t <name>` work on rule cases. The only framework module
 * that imports vitest.
 *
 * Another repository registers its own rules and cases with one test file:
 *   // sigma.test.ts
 *   import { registerSigmaTests } from 'sigmatest/vitest';
 *   await registerSigmaTests({ rules: ['rules'], cases: ['cases'] });
 * Options are those of `sigmatest run` (and sigmatest.config.yml is read the same way).
 */
import { describe, it } from 'vitest';
import type { CaseResult, Problem } from '../report/model.js';
import type { CasePolicy } from './run.js';
import { formatExplanation } from '../engine/explain-text.js';
import { evaluateCase } from './evaluate-case.js';
import { evaluateSequence } from './evaluate-sequence.js';
import { correlationPolicyProblems, policyProblems, prepareSuite, shapeOf, type SequenceEntry, type SuiteEntry } from './run.js';
import { describeOutcome, sequenceLines } from '../report/format.js';
import { resolveRunSettings, type RunFlags } from './run-settings.js';

/** Events of a failing sequence case listed with their time and matched rules. */
const MAX_SEQUENCE_EVENTS = 30;

function failureText(result: CaseResult): string {
  const lines = [`${result.span.file}:${result.span.line}:${result.span.col} ${result.message ?? result.status}`];
  if (result.sequence) {
    const shown = result.outcomes.slice(0, MAX_SEQUENCE_EVENTS).map(describeOutcome);
    const more = result.outcomes.length > MAX_SEQUENCE_EVENTS ? [`… ${result.outcomes.length - MAX_SEQUENCE_EVENTS} more event(s)`] : [];
    return [...lines, ...sequenceLines(result.sequence), ...shown, ...more].join('\n');
  }
  for (const o of result.outcomes) {
    if (!o.explanation) continue;
    lines.push(`event #${o.index}: ${o.matched ? 'matched' : 'did not match'}`, ...formatExplanation(o.explanation).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

function problemText(p: Problem): string {
  return `${p.span.file}:${p.span.line}:${p.span.col} ${p.code} ${p.message}`;
}

function registerRule(entry: SuiteEntry, requirePolicy: (entry: SuiteEntry) => Problem[]): void {
  describe(`${entry.rule.ir.title} (${entry.rule.ir.path})`, () => {
    for (const c of entry.cases) {
      it(c.name, () => {
        const result = evaluateCase(entry.rule, c);
        if (result.status !== 'pass') throw new Error(failureText(result));
      });
    }
    it('policy: the rule has the cases the policy requires', () => {
      const problems = requirePolicy(entry);
      if (problems.length > 0) throw new Error(problems.map(problemText).join('\n'));
    });
  });
}

function registerCorrelation(entry: SequenceEntry, policy: CasePolicy): void {
  const c = entry.correlation;
  describe(`${c.title} (${c.path}, correlation ${c.type})`, () => {
    for (const sequence of entry.cases) {
      it(sequence.name, () => {
        const result = evaluateSequence(entry.scope, sequence);
        if (result.status !== 'pass') throw new Error(failureText(result));
      });
    }
    it('policy: the correlation has the sequence cases the policy requires', () => {
      const problems = correlationPolicyProblems(c, entry.cases.map(shapeOf), policy);
      if (problems.length > 0) throw new Error(problems.map(problemText).join('\n'));
    });
  });
}

export async function registerSigmaTests(flags: RunFlags = {}): Promise<void> {
  const resolved = await resolveRunSettings(flags);
  if (!resolved.settings) {
    const errors = resolved.diagnostics.filter((d) => d.severity === 'error');
    describe('sigmatest settings', () => {
      it('are valid', () => {
        throw new Error(errors.map((d) => `${d.span.file}:${d.span.line}:${d.span.col} ${d.code} ${d.message}`).join('\n'));
      });
    });
    return;
  }
  const settings = resolved.settings;
  const suite = await prepareSuite(settings);
  if (suite.problems.some((p) => p.severity === 'error')) {
    describe('sigmatest problems', () => {
      for (const p of suite.problems.filter((x) => x.severity === 'error')) it(problemText(p), () => {
        throw new Error(problemText(p));
      });
    });
  }
  const requirePolicy = (entry: SuiteEntry): Problem[] =>
    policyProblems(entry.rule, entry.cases.map(shapeOf), settings.policy);
  for (const entry of suite.entries) registerRule(entry, requirePolicy);
  for (const entry of suite.sequences) registerCorrelation(entry, settings.policy);
}
