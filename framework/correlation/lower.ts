/**
 * SigmaCorrelation documents → IrCorrelation[] in chain order (inner before outer), with located Diagnostics
 * (semantics §11.1–§11.3). One bad correlation never stops the others; it is left out, and so is every
 * correlation that references it (CORRELATION_REFERENCE).
 *
 * - id: the document's `id`, else its `name`, else `path#docIndex`; an id used twice (or equal to a rule's) is an
 *   error on the later document.
 * - references (`rules` and the rule keys of `aliases`) resolve as an id first, then as a name (pySigma), among
 *   the detection rules given and the correlations; not found or ambiguous (a name used twice) → error. Alias
 *   keys are rewritten to the reference as written in `rules` (IrCorrelation.aliases' contract).
 * - chains: a cycle of correlations → CORRELATION_CYCLE on each member. An inner correlation's alerts carry only
 *   its group-by values, so an outer group-by (or field) that is not among them is a warning: those alerts never
 *   reach the outer correlation.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { SigmaCorrelation } from '../loader/types.js';
import { chainOrder } from './prepare.js';
import { escapePointer, readCorrelation, spanIn, type Draft } from './read-document.js';
import type { IrCorrelation } from './types.js';

interface Node {
  readonly doc: SigmaCorrelation;
  readonly id: string;
  draft: Draft | null;
  resolved: string[];
  aliases: Record<string, Record<string, string>>;
  failed: boolean;
}

type Target = { readonly kind: 'rule'; readonly id: string } | { readonly kind: 'correlation'; readonly node: Node };

export function lowerCorrelations(
  docs: readonly SigmaCorrelation[],
  rules: readonly { id: string; name?: string }[],
): { correlations: IrCorrelation[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const nodes = docs.map((doc): Node => {
    const read = readCorrelation(doc);
    diagnostics.push(...read.diagnostics);
    const id = doc.id ?? doc.name ?? `${doc.file}#${doc.docIndex}`;
    return { doc, id, draft: read.draft, resolved: [], aliases: {}, failed: read.draft === null };
  });
  checkUniqueIds(nodes, rules, diagnostics);
  const lookup = targetLookup(nodes, rules);
  for (const node of nodes) if (!node.failed) resolveNode(node, lookup, diagnostics);
  markCycles(nodes, diagnostics);
  propagateFailures(nodes, diagnostics);
  const ok = nodes.filter((n) => !n.failed);
  const byId = new Map(ok.map((n) => [n.id, n]));
  for (const node of ok) checkChainFields(node, byId, diagnostics);
  const correlations = chainOrder(ok.map(toIr));
  return { correlations, diagnostics };
}

function toIr(node: Node): IrCorrelation {
  return { ...(node.draft as Draft), id: node.id, resolved: node.resolved, aliases: node.aliases };
}

function where(node: Node): string {
  return `${node.doc.file}:${node.doc.span.line}`;
}

function checkUniqueIds(nodes: Node[], rules: readonly { id: string }[], out: Diagnostic[]): void {
  const ruleIds = new Set(rules.map((r) => r.id));
  const seen = new Map<string, Node>();
  for (const node of nodes) {
    const first = seen.get(node.id);
    if (first || ruleIds.has(node.id)) {
      const other = first ? `the correlation at ${where(first)}` : 'a detection rule';
      out.push(diagnostic('CORRELATION_INVALID', 'error', `id '${node.id}' is already used by ${other}`, node.doc.span));
      node.failed = true;
    } else seen.set(node.id, node);
  }
}

type Lookup = (ref: string) => { target: Target } | { problem: string };

function targetLookup(nodes: readonly Node[], rules: readonly { id: string; name?: string }[]): Lookup {
  const byId = new Map<string, Target[]>();
  const byName = new Map<string, Target[]>();
  const add = (map: Map<string, Target[]>, key: string | undefined, target: Target): void => {
    if (key === undefined) return;
    const list = map.get(key);
    if (list) list.push(target);
    else map.set(key, [target]);
  };
  for (const r of rules) {
    add(byId, r.id, { kind: 'rule', id: r.id });
    add(byName, r.name, { kind: 'rule', id: r.id });
  }
  for (const node of nodes) {
    add(byId, node.doc.id, { kind: 'correlation', node });
    add(byName, node.doc.name, { kind: 'correlation', node });
  }
  return (ref) => {
    const found = byId.get(ref) ?? byName.get(ref);
    if (!found) return { problem: `no loaded rule or correlation has the id or name '${ref}' (rules with errors are not loaded)` };
    if (found.length > 1) return { problem: `'${ref}' is ambiguous: ${found.length} rules or correlations have this id or name` };
    return { target: found[0] as Target };
  };
}

function targetId(t: Target): string {
  return t.kind === 'rule' ? t.id : t.node.id;
}

function resolveNode(node: Node, lookup: Lookup, out: Diagnostic[]): void {
  const draft = node.draft as Draft;
  const fail = (pointer: string, message: string): void => {
    out.push(diagnostic('CORRELATION_REFERENCE', 'error', message, spanIn(node.doc, pointer)));
    node.failed = true;
  };
  draft.rules.forEach((ref, i) => {
    const found = lookup(ref);
    if ('problem' in found) fail(`/correlation/rules/${i}`, found.problem);
    else node.resolved.push(targetId(found.target));
  });
  if (node.failed) return;
  for (const [alias, mapping] of Object.entries(draft.aliases)) {
    const rewritten: Record<string, string> = {};
    for (const [key, field] of Object.entries(mapping)) {
      const pointer = `/correlation/aliases/${escapePointer(alias)}/${escapePointer(key)}`;
      const written = aliasKeyAsWritten(key, draft.rules, node.resolved, lookup);
      if (written === null) fail(pointer, `alias '${alias}': '${key}' is not one of the rules this correlation lists`);
      else rewritten[written] = field;
    }
    node.aliases[alias] = rewritten;
  }
}

function aliasKeyAsWritten(key: string, rules: readonly string[], resolved: readonly string[], lookup: Lookup): string | null {
  if (rules.includes(key)) return key;
  const found = lookup(key);
  if ('problem' in found) return null;
  const i = resolved.indexOf(targetId(found.target));
  return i < 0 ? null : (rules[i] as string);
}

function innerNodes(node: Node, byId: ReadonlyMap<string, Node>): { node: Node; index: number }[] {
  const out: { node: Node; index: number }[] = [];
  node.resolved.forEach((id, index) => {
    const inner = byId.get(id);
    if (inner) out.push({ node: inner, index });
  });
  return out;
}

function markCycles(nodes: readonly Node[], out: Diagnostic[]): void {
  const byId = new Map(nodes.filter((n) => !n.failed).map((n) => [n.id, n]));
  const state = new Map<Node, 'open' | 'done'>();
  const path: Node[] = [];
  /** edgeIndex[k]: position in path[k]'s `rules` of the reference to path[k + 1]. */
  const edgeIndex: number[] = [];
  const inCycle = new Map<Node, number>();
  const visit = (node: Node): void => {
    state.set(node, 'open');
    path.push(node);
    for (const edge of innerNodes(node, byId)) {
      const s = state.get(edge.node);
      if (s === 'open') {
        for (let k = path.indexOf(edge.node); k < path.length - 1; k++) inCycle.set(path[k] as Node, edgeIndex[k] as number);
        inCycle.set(node, edge.index);
      } else if (s === undefined) {
        edgeIndex.push(edge.index);
        visit(edge.node);
        edgeIndex.pop();
      }
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of byId.values()) if (!state.has(node)) visit(node);
  for (const [node, index] of inCycle) {
    const message = `correlation '${node.id}' is part of a cycle of correlations that reference each other`;
    out.push(diagnostic('CORRELATION_CYCLE', 'error', message, spanIn(node.doc, `/correlation/rules/${index}`)));
    node.failed = true;
  }
}

function propagateFailures(nodes: readonly Node[], out: Diagnostic[]): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of nodes) {
      if (node.failed) continue;
      const bad = innerNodes(node, byId).find((e) => e.node.failed);
      if (!bad) continue;
      const message = `references correlation '${bad.node.id}' (${where(bad.node)}), which has errors`;
      out.push(diagnostic('CORRELATION_REFERENCE', 'error', message, spanIn(node.doc, `/correlation/rules/${bad.index}`)));
      node.failed = true;
      changed = true;
    }
  }
}

/** §11.4 point 9: fields an outer correlation reads from an inner alert must be among the inner group-by. */
function checkChainFields(node: Node, byId: ReadonlyMap<string, Node>, out: Diagnostic[]): void {
  const draft = node.draft as Draft;
  for (const { node: inner, index } of innerNodes(node, byId)) {
    const written = draft.rules[index] as string;
    const carried = (inner.draft as Draft).groupBy;
    const check = (name: string, pointer: string): void => {
      const field = node.aliases[name]?.[written] ?? name;
      if (carried.includes(field)) return;
      const message = `'${field}' is not a group-by field of the inner correlation '${inner.id}' (its alerts carry only: ${carried.join(', ') || 'nothing'}), so its alerts never reach this correlation`;
      out.push(diagnostic('CORRELATION_INVALID', 'warning', message, spanIn(node.doc, pointer)));
    };
    for (const name of draft.groupBy) check(name, '/correlation/group-by');
    for (const name of draft.field ?? []) check(name, '/correlation/condition/field');
  }
}

/** Rule and correlation ids referenced directly by a correlation with generate: false (no stand-alone alerts). */
export function suppressedRuleIds(correlations: readonly IrCorrelation[]): Set<string> {
  const out = new Set<string>();
  for (const c of correlations) if (!c.generate) for (const id of c.resolved) out.add(id);
  return out;
}
