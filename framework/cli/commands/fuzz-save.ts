/**
 * `sigmatest fuzz --save`: append fuzz findings to each rule's case file (cases/<rule path below rules/>,
 * created when missing) so a found bug becomes a regression case: every failure (its minimal event, with the
 * reference evaluator's decision as the expectation and the replay command as a note), then one positive and
 * one near miss per operator as examples. Events already present in the file are not added again; the existing
 * text is kept as written (see appendCases); writes are atomic.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
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

/**
 * The file's text with `cases` appended. When `cases:` is the last key and a block list, the new items are
 * appended as text at the list's indentation, so everything already written stays byte for byte; otherwise the
 * document is re-serialised (comments kept, layout normalised).
 */
function appendCases(text: string, cases: readonly NewCase[]): string {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const contents = doc.contents;
  const last = isMap(contents) ? contents.items[contents.items.length - 1] : undefined;
  const seq = doc.get('cases', true);
  const first = isSeq(seq) ? seq.items[0] : undefined;
  if (last && isScalar(last.key) && last.key.value === 'cases' && isSeq(seq) && !seq.flow && isNode(first) && first.range) {
    const dash = Math.max(0, lineCounter.linePos(first.range[0]).col - 3);
    const block = stringify([...cases]).trimEnd().split('\n').map((l) => ' '.repeat(dash) + l).join('\n');
    return `${text.trimEnd()}\n${block}\n`;
  }
  if (!isSeq(seq)) doc.set('cases', doc.createNode(cases));
  else for (const c of cases) seq.add(doc.createNode(c));
  return doc.toString();
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
      await writeAtomic(target, appendCases(await readFile(target, 'utf8'), fresh));
    } else {
      await writeAtomic(target, stringify({ rule: rule.source.id ?? rule.source.file, cases: fresh }));
    }
    written.set(target, fresh.length);
  }
  return written;
}
