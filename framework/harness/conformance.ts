/**
 * Conformance cases: a rule's detection section as YAML text, events, and the expected decision (or that the
 * rule must be rejected). Used for the project's own suite (cases/_conformance) and the shared 106 cases.
 * `runConformanceCase` runs one case on BOTH evaluators; log-source gating is not applied (every case is about
 * detection semantics).
 */
import { compileRule } from '../engine/compile.js';
import type { Event } from '../engine/event.js';
import { referenceDecide } from '../engine/reference.js';
import { adaptEvent } from '../events/adapt.js';
import { lowerRule } from '../ir/lower.js';
import { loadRuleText } from '../loader/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { stringify } from 'yaml';

export type Expectation = 'match' | 'no-match';

export interface ConformanceCase {
  readonly id: string;
  readonly title: string;
  readonly detection: string;
  readonly logsource?: Readonly<Record<string, string>>;
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
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
  return `title: ${JSON.stringify(`conformance ${c.id}`)}\nlogsource:\n${indent(stringify(logsource).trimEnd())}\ndetection:\n${indent(c.detection.trimEnd())}\n`;
}

export function runConformanceCase(c: ConformanceCase): CaseOutcome {
  const file = `conformance/${c.id}.yml`;
  const load = loadRuleText(ruleTextFor(c), file);
  const doc = load.documents.find((d) => d.kind === 'rule');
  const diagnostics: Diagnostic[] = [...load.diagnostics];
  if (!doc || doc.kind !== 'rule') return { kind: 'rejected', diagnostics };
  const lowered = lowerRule(doc, c.placeholders ? { placeholders: c.placeholders } : {});
  diagnostics.push(...lowered.diagnostics);
  if (!lowered.rule || diagnostics.some((d: Diagnostic) => d.severity === 'error')) return { kind: 'rejected', diagnostics };
  if (c.expectError) return { kind: 'loaded', diagnostics };
  const compiled = compileRule(lowered.rule);
  const outcomes = c.events.map(({ event, expect }) => {
    const adapted: Event = adaptEvent(event) ?? {};
    return { expect, reference: referenceDecide(lowered.rule!, adapted), compiled: compiled.matches(adapted) };
  });
  return { kind: 'decisions', outcomes, diagnostics };
}
