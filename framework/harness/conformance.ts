/**
 * Conformance cases: a rule's detection section as YAML text, events, and the expected decision (or that the
 * rule must be rejected). Used for the project's own suite (cases/_conformance) and the shared 106 cases.
 * `runConformanceCase` runs one case on BOTH evaluators; log-source gating is not applied (every case is about
 * detection semantics). A case may carry meta filters (`filters`, YAML texts of filter documents): they are
 * loaded, lowered and applied to the rule as the ruleset does (ruleset/apply-filters.ts); a filter that fails to
 * load or lower rejects the case like a bad rule.
 */
import { compileRule } from '../engine/compile.js';
import type { Event } from '../engine/event.js';
import { referenceDecide } from '../engine/reference.js';
import { adaptEvent } from '../events/adapt.js';
import { lowerRule } from '../ir/lower.js';
import { loadRuleText, type SigmaFilter } from '../loader/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { applyFilters, lowerFilter, type LoweredFilter } from '../ruleset/apply-filters.js';
import { stringify } from 'yaml';

export type Expectation = 'match' | 'no-match';

export interface ConformanceCase {
  readonly id: string;
  readonly title: string;
  readonly detection: string;
  readonly logsource?: Readonly<Record<string, string>>;
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
  /** The rule's `id` / `name`, for filters that reference it. */
  readonly ruleId?: string;
  readonly ruleName?: string;
  /** Meta filter documents as YAML text (`logsource`, `filter`; a `title` is added when missing). */
  readonly filters?: readonly string[];
  /** Present for decision cases. */
  readonly events: readonly { readonly event: unknown; readonly expect: Expectation }[];
  /** `error`: loading the rule must fail (optionally with this code). */
  readonly expectError?: { readonly code?: string };
}

export interface EventOutcome {
  readonly expect: Expectation;
  readonly reference: boolean;
  readonly compiled: boolean;
}

export type CaseOutcome =
  | { readonly kind: 'decisions'; readonly outcomes: readonly EventOutcome[]; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'rejected'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'loaded'; readonly diagnostics: readonly Diagnostic[] };

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : '  ' + line))
    .join('\n');
}

export function ruleTextFor(c: ConformanceCase): string {
  const logsource = c.logsource ?? { product: 'windows', category: 'process_creation' };
  const ids = `${c.ruleId !== undefined ? `id: ${JSON.stringify(c.ruleId)}\n` : ''}${c.ruleName !== undefined ? `name: ${JSON.stringify(c.ruleName)}\n` : ''}`;
  return `title: ${JSON.stringify(`conformance ${c.id}`)}\n${ids}logsource:\n${indent(stringify(logsource).trimEnd())}\ndetection:\n${indent(c.detection.trimEnd())}\n`;
}

/** The case's filters, loaded and lowered; `null` when one of them has an error (diagnostics collected). */
function caseFilters(c: ConformanceCase, diagnostics: Diagnostic[]): LoweredFilter[] | null {
  const out: LoweredFilter[] = [];
  let ok = true;
  (c.filters ?? []).forEach((text, i) => {
    const titled = /^title\s*:/m.test(text) ? text : `title: ${JSON.stringify(`conformance ${c.id} filter ${i + 1}`)}\n${text}`;
    const load = loadRuleText(titled, `conformance/${c.id}.filter${i + 1}.yml`);
    diagnostics.push(...load.diagnostics);
    const docs = load.documents.filter((d): d is SigmaFilter => d.kind === 'filter');
    if (docs.length !== 1 || load.diagnostics.some((d) => d.severity === 'error')) ok = false;
    for (const doc of docs) {
      const lowered = lowerFilter(doc, c.placeholders ? { placeholders: c.placeholders } : {});
      diagnostics.push(...lowered.diagnostics);
      if (lowered.filter) out.push(lowered.filter);
      else ok = false;
    }
  });
  return ok ? out : null;
}

export function runConformanceCase(c: ConformanceCase): CaseOutcome {
  const file = `conformance/${c.id}.yml`;
  const load = loadRuleText(ruleTextFor(c), file);
  const doc = load.documents.find((d) => d.kind === 'rule');
  const diagnostics: Diagnostic[] = [...load.diagnostics];
  if (!doc || doc.kind !== 'rule') return { kind: 'rejected', diagnostics };
  const lowered = lowerRule(doc, c.placeholders ? { placeholders: c.placeholders } : {});
  diagnostics.push(...lowered.diagnostics);
  const filters = caseFilters(c, diagnostics);
  if (!lowered.rule || !filters || diagnostics.some((d: Diagnostic) => d.severity === 'error')) return { kind: 'rejected', diagnostics };
  if (c.expectError) return { kind: 'loaded', diagnostics };
  const rule = applyFilters(lowered.rule, doc, filters);
  const compiled = compileRule(rule);
  const outcomes = c.events.map(({ event, expect }) => {
    const adapted: Event = adaptEvent(event) ?? {};
    return { expect, reference: referenceDecide(rule, adapted), compiled: compiled.matches(adapted) };
  });
  return { kind: 'decisions', outcomes, diagnostics };
}
