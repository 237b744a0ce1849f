/**
 * ATT&CK Navigator layers (layer format 4.5, domain enterprise-attack) from a CoverageReport.
 * - Test-status layer: a technique's status over the rules tagged with it — `failing` when any of them fails,
 *   else `tested` when one is tested (passing positive and negative cases), else `partly-tested` when one has
 *   cases, else `untested`; score 0 failing, 1 untested, 2 partly tested, 3 tested, with the matching colour, a
 *   legend, and the counts in the comment and metadata.
 * - Count layer, compatible with SigmaHQ's heatmap: score = number of rules tagged with the technique, gradient
 *   #66b1ff → #ff66f4 over 0–20, empty colour and comment.
 * Techniques are not attached to a tactic (they show under every tactic they belong to); sorted by id.
 */
import type { CoverageReport, RuleCoverage, TestStatus } from './model.js';
import { techniqueLabel } from './attack-names.js';

export const STATUS_STYLE: Readonly<Record<TestStatus, { readonly score: number; readonly color: string; readonly label: string }>> = {
  failing: { score: 0, color: '#e53935', label: 'failing: a rule for the technique fails its tests' },
  untested: { score: 1, color: '#bdbdbd', label: 'untested: rules without test cases' },
  'partly-tested': { score: 2, color: '#ffb74d', label: 'partly tested: test cases, but no positive or no negative one' },
  tested: { score: 3, color: '#43a047', label: 'tested: a rule passes positive and negative test cases' },
};

export interface NavigatorTechnique {
  readonly techniqueID: string;
  readonly score?: number;
  readonly color: string;
  readonly comment: string;
  readonly enabled: boolean;
  readonly metadata: readonly { readonly name: string; readonly value: string }[];
  readonly links: readonly { readonly label: string; readonly url: string }[];
  readonly showSubtechniques: boolean;
}

export interface NavigatorLayer {
  readonly name: string;
  readonly versions: { readonly attack: string; readonly navigator: string; readonly layer: string };
  readonly domain: 'enterprise-attack';
  readonly description: string;
  readonly filters: { readonly platforms: readonly string[] };
  readonly sorting: number;
  readonly layout: Readonly<Record<string, string | boolean>>;
  readonly hideDisabled: boolean;
  readonly techniques: readonly NavigatorTechnique[];
  readonly gradient: { readonly colors: readonly string[]; readonly minValue: number; readonly maxValue: number };
  readonly legendItems: readonly { readonly label: string; readonly color: string }[];
  readonly metadata: readonly { readonly name: string; readonly value: string }[];
  readonly links: readonly { readonly label: string; readonly url: string }[];
  readonly showTacticRowBackground: boolean;
  readonly tacticRowBackground: string;
  readonly selectTechniquesAcrossTactics: boolean;
  readonly selectSubtechniquesWithParent: boolean;
  readonly selectVisibleTechniques: boolean;
}

const VERSIONS = { attack: '19', navigator: '5.1.0', layer: '4.5' } as const;
const PLATFORMS = ['Windows', 'Linux', 'macOS', 'Network Devices', 'ESXi', 'PRE', 'Containers', 'IaaS', 'SaaS', 'Office Suite', 'Identity Provider'];

function base(name: string, description: string, metadata: NavigatorLayer['metadata']): Omit<NavigatorLayer, 'techniques' | 'gradient' | 'legendItems'> {
  return {
    name,
    versions: VERSIONS,
    domain: 'enterprise-attack',
    description,
    filters: { platforms: PLATFORMS },
    sorting: 3,
    layout: { layout: 'side', aggregateFunction: 'average', showID: false, showName: true, showAggregateScores: false, countUnscored: false, expandedSubtechniques: 'none' },
    hideDisabled: false,
    metadata,
    links: [],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
  };
}

/** Rules per technique id (sorted by id). */
function rulesByTechnique(report: CoverageReport): [string, RuleCoverage[]][] {
  const map = new Map<string, RuleCoverage[]>();
  for (const rule of report.rules) for (const t of rule.techniques) map.set(t.id, [...(map.get(t.id) ?? []), rule]);
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function techniqueStatus(rules: readonly RuleCoverage[]): TestStatus {
  const has = (s: TestStatus): boolean => rules.some((r) => r.testStatus === s);
  if (has('failing')) return 'failing';
  if (has('tested')) return 'tested';
  return has('partly-tested') ? 'partly-tested' : 'untested';
}

function statusTechnique(id: string, rules: readonly RuleCoverage[]): NavigatorTechnique {
  const status = techniqueStatus(rules);
  const counts = (['tested', 'partly-tested', 'untested', 'failing'] as const).map((s) => [s, rules.filter((r) => r.testStatus === s).length] as const);
  const name = techniqueLabel({ id, ...(rules[0]?.techniques.find((t) => t.id === id) ?? {}) });
  return {
    techniqueID: id,
    score: STATUS_STYLE[status].score,
    color: STATUS_STYLE[status].color,
    comment: `${name}: ${status}; ${rules.length} rule(s): ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`,
    enabled: true,
    metadata: [{ name: 'status', value: status }, ...counts.map(([s, n]) => ({ name: s, value: String(n) })), ...rules.slice(0, 20).map((r) => ({ name: 'rule', value: r.title }))],
    links: [],
    showSubtechniques: false,
  };
}

export function statusLayer(report: CoverageReport): NavigatorLayer {
  const order: TestStatus[] = ['tested', 'partly-tested', 'untested', 'failing'];
  return {
    ...base('sigmatest: detection test status', 'Techniques scored by the test status of the Sigma rules tagged with them (sigmatest coverage).', [
      { name: 'rules', value: String(report.totals.rules) },
      { name: 'logic coverage %', value: String(report.totals.percent) },
    ]),
    techniques: rulesByTechnique(report).map(([id, rules]) => statusTechnique(id, rules)),
    gradient: { colors: [STATUS_STYLE.failing.color, STATUS_STYLE.untested.color, STATUS_STYLE['partly-tested'].color, STATUS_STYLE.tested.color], minValue: 0, maxValue: 3 },
    legendItems: order.map((s) => ({ label: STATUS_STYLE[s].label, color: STATUS_STYLE[s].color })),
  };
}

export function countLayer(report: CoverageReport): NavigatorLayer {
  return {
    ...base('sigmatest: rules per technique', 'Number of Sigma rules tagged with each technique (same scoring as SigmaHQ\'s heatmap).', [{ name: 'rules', value: String(report.totals.rules) }]),
    techniques: rulesByTechnique(report).map(([id, rules]) => ({
      techniqueID: id,
      score: rules.length,
      color: '',
      comment: '',
      enabled: true,
      metadata: [],
      links: [],
      showSubtechniques: false,
    })),
    gradient: { colors: ['#66b1ffff', '#ff66f4ff'], minValue: 0, maxValue: 20 },
    legendItems: [],
  };
}
