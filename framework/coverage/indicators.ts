/**
 * Indicators: one row per detection item value of a rule (field, operator, value), and how many rules of a
 * catalog use the same combination. Definition (documented in the report): a catalog rule counts when one of its
 * detection items has the same field name as written in the rule (no log-source renames; keywords as
 * `(keywords)`), the same operator — the modifier chain as written without `all` (`equals` when there is none;
 * `cased`, `windash`, `base64offset|contains` … are part of it) — and the same value after its modifiers, compared
 * as the engine matches it: case-insensitively for case-insensitive strings (wildcards included), exactly for
 * `cased` strings and regular expressions, and booleans and numbers through their text (YAML `true` ≡ `'true'`,
 * `4624` ≡ `'4624'`). The catalog is what buildRuleset loads (rules that cannot be prepared, e.g. with unresolved
 * placeholders, are not in it). Each catalog rule counts once; `catalogRules` includes the rule itself when the
 * catalog holds it (same id), `otherRules` excludes it. With the SigmaHQ corpus as catalog, the portmap rule's
 * `Initiated` equals 'true' counts 50 (49 rules with 'true', one with YAML `true`, the portmap rule among them)
 * and `DestinationHostname` endswith '.portmap.io' counts 1 (the portmap rule alone).
 */
import { displayItem } from '../engine/display.js';
import { foldCase } from '../engine/fold.js';
import { renderPattern } from '../ir/pattern.js';
import type { IrItem, IrMatcher, IrRule, IrValue } from '../ir/types.js';
import { ruleItems, type RuleItem } from './items.js';
import type { IndicatorRow, ItemCoverage } from './model.js';

export interface CatalogIndex {
  readonly rules: number;
  /** Indicator key → indices of the catalog rules using it (ascending, each once). */
  readonly keys: ReadonlyMap<string, readonly number[]>;
  readonly ids: readonly string[];
}

export function operatorOf(item: IrItem): string {
  const chain = item.modifiers.filter((m) => m !== 'all');
  return chain.length === 0 ? 'equals' : chain.join('|');
}

function matcherKey(m: IrMatcher): string {
  switch (m.kind) {
    case 'string':
      return m.cased ? `s:${renderPattern(m.pattern)}` : `i:${foldCase(renderPattern(m.pattern))}`;
    case 'number':
    case 'bool':
      // Matched through their text form, like the engine does: `true` ≡ 'true', 4624 ≡ '4624'.
      return `i:${foldCase(String(m.value))}`;
    case 'regex':
      return `re:/${m.source}/${m.flags}`;
    case 'fieldref':
      return `ref:${m.position}:${m.cased ? m.field : foldCase(m.field)}`;
    default:
      return `${m.kind}:${JSON.stringify(m)}`;
  }
}

export function indicatorKey(item: IrItem, value: IrValue): string {
  return [item.field ?? '(keywords)', operatorOf(item), value.alternatives.map(matcherKey).join('\u0001')].join('\u0000');
}

export function buildCatalogIndex(rules: readonly IrRule[]): CatalogIndex {
  const keys = new Map<string, number[]>();
  rules.forEach((rule, index) => {
    for (const { item } of ruleItems(rule)) {
      for (const value of item.values) {
        const key = indicatorKey(item, value);
        const list = keys.get(key);
        if (!list) keys.set(key, [index]);
        else if (list[list.length - 1] !== index) list.push(index);
      }
    }
  });
  return { rules: rules.length, keys, ids: rules.map((r) => r.id) };
}

function counts(catalog: CatalogIndex, key: string, ruleId: string): { catalogRules: number; otherRules: number } {
  const users = catalog.keys.get(key) ?? [];
  const self = users.some((i) => catalog.ids[i] === ruleId) ? 1 : 0;
  return { catalogRules: users.length, otherRules: users.length - self };
}

/** Whether value `j` of an item held on some evidence event (single values: the item's own truth, undone by `neq`). */
function valueMadeTrue(ri: RuleItem, coverage: ItemCoverage | undefined, j: number): boolean {
  if (!coverage) return false;
  if (coverage.valueCoverage.length > 0) return coverage.valueCoverage[j]?.madeTrue ?? false;
  return ri.item.negated ? coverage.madeFalse : coverage.madeTrue;
}

/** A row per item value in rule order; catalog counts when a catalog is given. */
export function indicatorRows(rule: IrRule, coverage: readonly ItemCoverage[], catalog?: CatalogIndex): IndicatorRow[] {
  const byKey = new Map(coverage.map((c) => [c.key, c]));
  return ruleItems(rule).flatMap((ri) => {
    const shown = displayItem(ri.item).values;
    return ri.item.values.map((value, j): IndicatorRow => ({
      selection: ri.identifier,
      field: ri.item.field,
      operator: operatorOf(ri.item),
      value: shown[j] ?? '',
      madeTrue: valueMadeTrue(ri, byKey.get(ri.key), j),
      ...(catalog ? counts(catalog, indicatorKey(ri.item, value), rule.id) : {}),
    }));
  });
}
