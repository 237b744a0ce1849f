/**
 * `sigmatest fuzz --save`: append fuzz findings to each rule's case file (cases/<rule path below rules/>,
 * created when missing) so a found bug becomes a regression case: every failure (its minimal event, with the
 * reference evaluator's decision as the expectation and the replay command as a note), then one positive and
 * one near miss per operator as examples. Correlation rules get sequence cases in their own case file (found by
 * the `rule:` it names, else created at the same mirrored path): the generated firing sequence and one sequence
 * per near-miss kind, with `alerts`/`groups` expectations; a sequence a finding named is tagged `regression`
 * with the replay command as a note. Events (sequences) already present in the file are not added again; the
 * existing text is kept as written (see appendCases); writes are atomic.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import { loadCaseFiles, type CaseFile } from '../../harness/case-file.js';
import type { IrCorrelation } from '../../correlation/types.js';
import type { PreparedRule } from '../../ruleset/build-ruleset.js';
import type { CorrelationFuzzEntry, FuzzExample, FuzzReport, RuleFuzzResult, SequenceExample } from '../../../generators/fuzz/types.js';
import { canonicalJson } from '../../report/json.js';
import { caseFileFor, correlationReference } from './init.js';

interface NewCase {
  name: string;
  expect: 'match' | 'no-match';
  event: Record<string, unknown>;
  tags: string[];
  note?: string;
}

interface NewSequenceCase {
  name: string;
  expect: SequenceExample['expect'];
  timestamp_field: string;
  tags: string[];
  note?: string;
  events: readonly Record<string, unknown>[];
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

/** The saved form of a generated sequence; `regression` when a finding named it. */
export function sequenceCase(e: SequenceExample, tags: readonly string[], note?: string): NewSequenceCase {
  return { name: e.name, expect: e.expect, timestamp_field: e.timestamp_field, tags: [...tags], ...(note !== undefined ? { note } : {}), events: e.events };
}

function sequenceCasesOf(result: CorrelationFuzzEntry): NewSequenceCase[] {
  const found = new Map(result.findings.map((f) => [f.sequence, f.replay]));
  return (result.examples ?? []).map((e) => {
    const replay = found.get(e.sequence);
    return sequenceCase({ ...e, name: `fuzz ${e.name}` }, replay !== undefined ? ['fuzz', 'regression'] : ['fuzz'], replay !== undefined ? `found by: ${replay}` : undefined);
  });
}

function findCaseFile(rule: PreparedRule, files: readonly CaseFile[]): CaseFile | undefined {
  return files.find((f) => f.rule === rule.source.id || path.resolve(f.rule) === path.resolve(rule.source.file));
}

/** The case file whose `rule:` names the correlation (id, name, or its path from here or from the case file). */
function findCorrelationCaseFile(c: IrCorrelation, files: readonly CaseFile[]): CaseFile | undefined {
  const file = path.resolve(c.path);
  return files.find((f) => f.rule === c.id || f.rule === c.name || path.resolve(f.rule) === file || path.resolve(path.dirname(f.file), f.rule) === file);
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
function appendCases(text: string, cases: readonly (NewCase | NewSequenceCase)[]): string {
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

/** Appends `fresh` to `target` (or creates it naming `rule`). */
async function writeCases(target: string, rule: string, fresh: readonly (NewCase | NewSequenceCase)[]): Promise<void> {
  if (existsSync(target)) await writeAtomic(target, appendCases(await readFile(target, 'utf8'), fresh));
  else await writeAtomic(target, stringify({ rule, cases: fresh }));
}

/** A new correlation case file: the mirrored path, or beside it when a detection rule's case file has that path. */
function newCorrelationCaseFile(c: IrCorrelation, casesDir: string): string {
  const target = caseFileFor(c.path, casesDir);
  if (!existsSync(target)) return target;
  const slug = (c.name ?? c.id).replace(/[^\w.-]+/g, '_');
  return target.replace(/(\.ya?ml)?$/i, (ext) => `.${slug}${ext || '.yml'}`);
}

export interface SaveTargets {
  readonly rules: readonly PreparedRule[];
  readonly correlations: readonly IrCorrelation[];
}

/** Appends and returns the number of cases written per case file. */
export async function saveFuzzCases(report: Pick<FuzzReport, 'rules' | 'correlations'>, targets: SaveTargets, casesDir: string): Promise<Map<string, number>> {
  const existing = await loadCaseFiles(existsSync(casesDir) ? [casesDir] : []);
  const written = new Map<string, number>();
  await saveRuleCases(report.rules, targets.rules, existing.files, casesDir, written);
  await saveSequenceCases(report.correlations, targets.correlations, existing.files, casesDir, written);
  return written;
}

async function saveRuleCases(results: readonly RuleFuzzResult[], rules: readonly PreparedRule[], files: readonly CaseFile[], casesDir: string, written: Map<string, number>): Promise<void> {
  const byId = new Map(rules.map((r) => [r.ir.id, r]));
  for (const result of results) {
    const rule = byId.get(result.id);
    if (!rule) continue;
    const file = findCaseFile(rule, files);
    const seen = new Set((file?.cases ?? []).flatMap((c) => c.events.map((e) => canonicalJson(e))));
    const fresh = casesOf(result).filter((c) => !seen.has(canonicalJson(c.event)) && seen.add(canonicalJson(c.event)));
    if (fresh.length === 0) continue;
    const target = file?.file ?? caseFileFor(rule.source.file, casesDir);
    await writeCases(target, rule.source.id ?? rule.source.file, fresh);
    written.set(target, (written.get(target) ?? 0) + fresh.length);
  }
}

async function saveSequenceCases(results: readonly CorrelationFuzzEntry[], correlations: readonly IrCorrelation[], files: readonly CaseFile[], casesDir: string, written: Map<string, number>): Promise<void> {
  const byId = new Map(correlations.map((c) => [c.id, c]));
  for (const result of results) {
    const c = byId.get(result.id);
    if (!c) continue;
    const file = findCorrelationCaseFile(c, files);
    const seen = new Set((file?.cases ?? []).map((x) => canonicalJson(x.events)));
    const fresh = sequenceCasesOf(result).filter((x) => !seen.has(canonicalJson(x.events)) && seen.add(canonicalJson(x.events)));
    if (fresh.length === 0) continue;
    const target = file?.file ?? newCorrelationCaseFile(c, casesDir);
    await writeCases(target, correlationReference(c), fresh);
    written.set(target, (written.get(target) ?? 0) + fresh.length);
  }
}
