/**
 * The meta filters of a coverage report (model.ts FilterCoverage): every filter document that was loaded, in
 * path order, with its log source, `rules` as written, its condition and the reported rules it was applied to
 * (matched through the rules' FilterRow: the filter's id, else its path, and its title), each with how many of the
 * filter's selections, as applied to that rule, its cases made true and false. A filter that applies to no
 * reported rule has an empty `appliesTo`. Pure.
 */
import type { SigmaDocument, SigmaFilter } from '../loader/types.js';
import { displayPath } from '../report/format.js';
import type { FilterCoverage, FilterTarget, RuleCoverage } from './model.js';

const keyOf = (id: string, path: string, title: string): string => `${id}\u0000${path}\u0000${title}`;

function logsource(f: SigmaFilter): FilterCoverage['logsource'] {
  const ls = f.logsource;
  return Object.fromEntries((['product', 'category', 'service'] as const).filter((k) => ls[k] !== undefined).map((k) => [k, ls[k]]));
}

function targetsOf(rules: readonly RuleCoverage[]): Map<string, FilterTarget[]> {
  const out = new Map<string, FilterTarget[]>();
  for (const r of rules) {
    for (const f of r.filters ?? []) {
      const own = r.selections.filter((s) => s.name.startsWith(f.prefix));
      const target: FilterTarget = { id: r.id, title: r.title, page: r.page, testStatus: r.testStatus, selections: { covered: own.filter((s) => s.madeTrue && s.madeFalse).length, total: own.length } };
      const key = keyOf(f.id, f.path, f.title);
      out.set(key, [...(out.get(key) ?? []), target]);
    }
  }
  return out;
}

export function filterIndex(documents: readonly SigmaDocument[], rules: readonly RuleCoverage[]): FilterCoverage[] {
  const targets = targetsOf(rules);
  const filters = documents.filter((d): d is SigmaFilter => d.kind === 'filter');
  return filters
    .map((f): FilterCoverage => {
      const path = displayPath(f.file);
      return {
        id: f.id ?? path,
        title: f.title,
        path,
        logsource: logsource(f),
        targets: f.targets,
        condition: f.detection.conditions.map((c) => c.text).join(' or '),
        appliesTo: targets.get(keyOf(f.id ?? f.file, path, f.title)) ?? [], // FilterRow.id: the id, else the raw path
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
