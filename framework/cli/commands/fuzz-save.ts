/**
 * `sigmatest fuzz --save`: append fuzz findings to each rule's case file (cases/<rule path below rules/>,
 * created when missing) so a found bug becomes a regression case: every failure (its minimal event, with the
 * reference evaluator's decision as the expectation and the replay command as a note), then one positive and
 * one near miss per operator as examples. Events already present in the file are not added again; comments and
 * layout of the existing file are kept (yaml Document API); writes are atomic.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument, stringify, type Document } from 'yaml';
import { loadCaseFiles, type CaseFile } from '../../harness/case-file.js';
import type { PreparedRule } from '../../ruleset/build-ruleset.js';
import type { FuzzExample, RuleFuzzResult } from '../../../generators/fuzz/types.js';
import { canonicalJson } from '../../report/json.js';
import { caseFileFor } from './init.js';

interface NewCase {
  name: string;
  expect: 'match' | 'no-match';
  event: Record<string, unknown>;
  tags: string[];
  note?: string;
}

function casesOf(result: RuleFuzzResult): NewCase[] {
  const failures = result.failures.map((f) => ({
    name: `fuzz failure: ${f.operator}${f.target ? ` on ${f.target}` : ''}`,
    expect: f.reference ? ('match' as const) : ('no-match' as const),
    event: f.event,
    tags: ['fuzz', 'regression'],
    note: `found by: ${f.replay}`,
  }));
  const examples = (result.examples ?? []).map((e: FuzzExample) => ({ ...e, tags: ['fuzz'] }));
  return [...failures, ...examples];
}

function findCaseFile(rule: PreparedRule, files: readonly CaseFile[]): CaseFile | undefined {
  return files.find((f) => f.rule === rule.source.id || path.resolve(f.rule) === path.resolve(rule.source.file));
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

function appendCases(doc: Document, cases: readonly NewCase[]): void {
  const seq = doc.get('cases');
  if (!isSeq(seq)) doc.set('cases', doc.createNode(cases));
  else for (const c of cases) seq.add(doc.createNode(c));
}

/** Appends and returns the number of cases written per case file. */
export async function saveFuzzCases(results: readonly RuleFuzzResult[], rules: readonly PreparedRule[], casesDir: string): Promise<Map<string, number>> {
  const existing = await loadCaseFiles(existsSync(casesDir) ? [casesDir] : []);
  const byId = new Map(rules.map((r) => [r.ir.id, r]));
  const written = new Map<string, number>();
  for (const result of results) {
    const rule = byId.get(result.id);
    if (!rule) continue;
    const file = findCaseFile(rule, existing.files);
    const seen = new Set((file?.cases ?? []).flatMap((c) => c.events.map((e) => canonicalJson(e))));
    const fresh = casesOf(result).filter((c) => !seen.has(canonicalJson(c.event)) && seen.add(canonicalJson(c.event)));
    if (fresh.length === 0) continue;
    const target = file?.file ?? caseFileFor(rule.source.file, casesDir);
    if (existsSync(target)) {
      const doc = parseDocument(await readFile(target, 'utf8'));
      appendCases(doc, fresh);
      await writeAtomic(target, doc.toString());
    } else {
      await writeAtomic(target, stringify({ rule: rule.source.id ?? rule.source.file, cases: fresh }));
    }
    written.set(target, fresh.length);
  }
  return written;
}
