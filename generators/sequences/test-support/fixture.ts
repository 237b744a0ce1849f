/**
 * Test fixture: detection rules and correlations of every type written inline (YAML text), loaded with the
 * loader, prepared with the default log-source map and lowered with lowerCorrelations, as maps by id.
 */
import type { IrCorrelation } from '../../../framework/correlation/types.js';
import { lowerCorrelations } from '../../../framework/correlation/index.js';
import type { IrRule } from '../../../framework/ir/types.js';
import { loadRuleText } from '../../../framework/loader/index.js';
import type { SigmaCorrelation } from '../../../framework/loader/types.js';
import { defaultLogsourceMap } from '../../../framework/logsource/index.js';
import { prepareRuleset } from '../../../framework/ruleset/build-ruleset.js';

const rule = (name: string, id: string, logsource: string, selection: string): string => `title: ${name}
id: ${id}
name: ${name}
status: test
logsource: ${logsource}
detection:
  selection:
    ${selection}
  condition: selection
level: low
`;

const SECURITY = '{product: windows, service: security}';
const PROCESS = '{product: windows, category: process_creation}';
const TRANSFER = '{product: acme, category: file_transfer}';

export const RULES_YAML = [
  rule('failed_logon', '5638f7c0-ac70-491d-8465-2a65075e0d86', SECURITY, 'EventID: 4625'),
  rule('successful_logon', '4d0a2c83-c62c-4ed4-b475-c7e23a9269b8', SECURITY, 'EventID: 4624'),
  rule('recon_whoami', '0b1b0c31-1a4b-4d7e-9b1a-2b0a7d3c4e01', PROCESS, "Image|endswith: '\\whoami.exe'"),
  rule('recon_net', '0b1b0c31-1a4b-4d7e-9b1a-2b0a7d3c4e02', PROCESS, "Image|endswith: '\\net.exe'"),
  rule('recon_ipconfig', '0b1b0c31-1a4b-4d7e-9b1a-2b0a7d3c4e03', PROCESS, "Image|endswith: '\\ipconfig.exe'"),
  rule('upload', '7c1e5f0a-3b7e-4f7e-8a43-1f6e2b9d0a11', TRANSFER, 'action: upload'),
  rule('download', '7c1e5f0a-3b7e-4f7e-8a43-1f6e2b9d0a12', TRANSFER, 'action: download'),
].join('---\n');

const correlation = (name: string, body: string): string => `title: ${name}
name: ${name}
status: test
correlation:
${body}
level: high
`;

/** name → YAML of the correlation block (indented by two). */
export const CORRELATIONS: Readonly<Record<string, string>> = {
  many_failed: `  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 10m
  condition: {gte: 3}`,
  failed_exactly_three: `  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 90s
  condition: {eq: 3}`,
  failed_range: `  type: event_count
  rules: [failed_logon, successful_logon]
  group-by: [TargetUserName]
  timespan: 1h
  condition: {gt: 1, lte: 4}`,
  rare_logons: `  type: event_count
  rules: [successful_logon]
  group-by: [TargetUserName]
  timespan: 2d
  condition: {lt: 3}`,
  spraying: `  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 5m
  condition: {field: TargetUserName, gte: 4}`,
  recon: `  type: temporal
  rules: [recon_whoami, recon_net, recon_ipconfig]
  group-by: [Computer, User]
  timespan: 5m`,
  recon_ordered: `  type: temporal_ordered
  rules: [recon_whoami, recon_net, recon_ipconfig]
  group-by: [User]
  timespan: 30s`,
  big_upload: `  type: value_sum
  rules: [upload, download]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, gte: 1000}`,
  small_transfers: `  type: value_sum
  rules: [upload]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, lte: 50}`,
  avg_upload: `  type: value_avg
  rules: [upload, download]
  group-by: [user]
  timespan: 1d
  condition: {field: bytes, gt: 500}`,
  p95_upload: `  type: value_percentile
  rules: [upload]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, lte: 100, percentile: 95}`,
  median_upload: `  type: value_median
  rules: [upload]
  group-by: [user]
  timespan: 1h
  condition: {field: bytes, gte: 7}`,
  aliased: `  type: temporal
  rules: [upload, download]
  group-by: [account]
  timespan: 10m
  aliases:
    account:
      upload: user
      download: actor`,
  brute_then_success: `  type: temporal_ordered
  rules: [many_failed, successful_logon]
  group-by: [TargetUserName]
  timespan: 1h`,
  success_then_brute: `  type: temporal_ordered
  rules: [successful_logon, many_failed]
  group-by: [TargetUserName]
  timespan: 1h`,
  repeated_brute: `  type: event_count
  rules: [many_failed]
  group-by: [TargetUserName]
  timespan: 1h
  condition: {gte: 2}`,
  exact_then_success: `  type: temporal
  rules: [failed_exactly_three, successful_logon]
  group-by: [TargetUserName]
  timespan: 15m`,
  global_uploads: `  type: event_count
  rules: [upload]
  timespan: 30s
  condition: {gte: 2}`,
};

export interface Fixture {
  readonly rulesById: ReadonlyMap<string, IrRule>;
  readonly correlationsById: ReadonlyMap<string, IrCorrelation>;
  /** Correlation id by name. */
  readonly byName: (name: string) => IrCorrelation;
  readonly problems: readonly string[];
}

export function loadFixture(): Fixture {
  const text = [RULES_YAML, ...Object.entries(CORRELATIONS).map(([n, b]) => correlation(n, b))].join('---\n');
  const load = loadRuleText(text, 'fixture.yml');
  const ruleset = prepareRuleset(load, { logsourceMap: defaultLogsourceMap().map });
  const docs = load.documents.filter((d): d is SigmaCorrelation => d.kind === 'correlation');
  const lowered = lowerCorrelations(docs, ruleset.rules.map((r) => ({ id: r.ir.id, ...(r.source.name ? { name: r.source.name } : {}) })));
  const problems = [...ruleset.diagnostics, ...lowered.diagnostics].filter((d) => d.severity === 'error').map((d) => `${d.span.file}:${d.span.line} ${d.code} ${d.message}`);
  const rulesById = new Map(ruleset.rules.map((r) => [r.ir.id, r.ir]));
  const correlationsById = new Map(lowered.correlations.map((c) => [c.id, c]));
  const byName = (name: string): IrCorrelation => {
    const c = lowered.correlations.find((x) => x.name === name);
    if (!c) throw new Error(`fixture: correlation ${name} did not load (${problems.join('; ')})`);
    return c;
  };
  return { rulesById, correlationsById, byName, problems };
}
