/**
 * A small project with correlation rules and filters for the coverage tests, written to a temporary folder and
 * run through the real pipeline (prepareSuite + runPreparedSuite + buildCoverage, no log-source gating):
 * - detection rules failed_logon (cases; a filter excluding the svc_scan account), successful_logon (cases) and
 *   lonely_rule (no cases);
 * - correlations in one file: many_failed (event_count ≥ 3 per TargetUserName in 5m; cases cover positive,
 *   negative, near-miss and window-edge, and one group-by case that FAILS: it expects an alert the rule does not
 *   raise), failed_then_success (temporal_ordered over many_failed and successful_logon: a chain; cases positive
 *   and order) and lockout_burst (over lonely_rule, no sequence cases);
 * - filters: svc_scan (applied to failed_logon) and orphan (names no loaded rule).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LENIENT_POLICY, prepareSuite, runPreparedSuite } from '../../harness/run.js';
import { buildCoverage } from '../build.js';
import type { CoverageReport } from '../model.js';

const t = (minute: number, second = 0): string => `'2026-03-02T09:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z'`;
const failure = (user: string, minute: number, second = 0): string => `      - {EventID: 4625, TargetUserName: ${user}, timestamp: ${t(minute, second)}}`;
const success = (user: string, minute: number): string => `      - {EventID: 4624, TargetUserName: ${user}, timestamp: ${t(minute)}}`;

export const FILES: Readonly<Record<string, string>> = {
  'rules/failed.yml': `title: Failed logon
id: 00000000-0000-4000-8000-0000000000f1
name: failed_logon
logsource: {product: windows, service: security}
detection: {selection: {EventID: 4625}, condition: selection}
`,
  'rules/success.yml': `title: Successful logon
id: 00000000-0000-4000-8000-0000000000f2
name: successful_logon
logsource: {product: windows, service: security}
detection: {selection: {EventID: 4624}, condition: selection}
`,
  'rules/lonely.yml': `title: Account locked out
id: 00000000-0000-4000-8000-0000000000f3
name: lonely_rule
logsource: {product: windows, service: security}
detection: {selection: {EventID: 4740}, condition: selection}
`,
  'rules/filters.yml': `title: Not the scanner account
id: 00000000-0000-4000-8000-0000000000a1
logsource: {product: windows}
filter:
  rules: [failed_logon]
  svc: {TargetUserName: svc_scan}
  condition: not svc
---
title: Orphan filter
id: 00000000-0000-4000-8000-0000000000a2
logsource: {product: windows}
filter:
  rules: [no_such_rule]
  sel: {User: x}
  condition: not sel
`,
  'rules/correlations.yml': `title: Many failed logons
id: 00000000-0000-4000-8000-0000000000c1
name: many_failed
status: test
author: tester
description: Three failures of one account in five minutes.
tags: [attack.credential-access, attack.t1110]
correlation: {type: event_count, rules: [failed_logon], group-by: [TargetUserName], timespan: 5m, condition: {gte: 3}}
level: medium
---
title: Failed logons then a success
id: 00000000-0000-4000-8000-0000000000c2
name: failed_then_success
correlation: {type: temporal_ordered, rules: [many_failed, successful_logon], group-by: [TargetUserName], timespan: 10m}
level: high
---
title: Lockout burst
id: 00000000-0000-4000-8000-0000000000c3
name: lockout_burst
correlation: {type: event_count, rules: [lonely_rule], timespan: 1m, condition: {gte: 2}, generate: true}
`,
  'cases/failed.yml': `rule: failed_logon
cases:
  - name: a failure
    expect: match
    event: {EventID: 4625, TargetUserName: alice}
  - name: a success is no failure
    expect: no-match
    event: {EventID: 4624, TargetUserName: alice}
  - name: the scanner account is filtered
    expect: no-match
    event: {EventID: 4625, TargetUserName: svc_scan}
`,
  'cases/success.yml': `rule: successful_logon
cases:
  - name: a success
    expect: match
    event: {EventID: 4624}
  - name: a failure
    expect: no-match
    event: {EventID: 4625}
`,
  'cases/many_failed.yml': `rule: many_failed
cases:
  - name: three failures fire
    tags: [positive]
    events:
${failure('alice', 0)}
${failure('alice', 1)}
${failure('alice', 2)}
    expect: {alerts: 1, groups: [{TargetUserName: alice}]}
  - name: two failures are one too few
    tags: [negative, near-miss]
    events:
${failure('alice', 0)}
${failure('alice', 1)}
    expect: {alerts: 0}
  - name: the third failure one second outside the window
    tags: [negative, window-edge]
    events:
${failure('alice', 0)}
${failure('alice', 1)}
${failure('alice', 5, 1)}
    expect: {alerts: 0}
  - name: two accounts wrongly expected to fire
    tags: [group-by]
    events:
${failure('alice', 0)}
${failure('bob', 1)}
${failure('alice', 2)}
    expect: {alerts: 1}
`,
  'cases/chain.yml': `rule: failed_then_success
cases:
  - name: a burst then a success
    tags: [positive, chain]
    events:
${failure('alice', 0)}
${failure('alice', 1)}
${failure('alice', 2)}
${success('alice', 3)}
    expect: {alerts: 1, groups: [{TargetUserName: alice}]}
  - name: a success before the burst
    tags: [negative, order, chain]
    events:
${success('alice', 0)}
${failure('alice', 1)}
${failure('alice', 2)}
${failure('alice', 3)}
    expect: {alerts: 0}
`,
};

let memo: Promise<CoverageReport> | undefined;

/** The coverage report of FILES (memoised; the folder is left in the OS temp dir). */
export function correlationCoverageReport(): Promise<CoverageReport> {
  memo ??= (async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigmatest-corr-coverage-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const options = { rules: [path.join(dir, 'rules')], cases: [path.join(dir, 'cases')], regression: [], policy: LENIENT_POLICY, ruleset: { logsourceMap: null } };
    const suite = await prepareSuite(options);
    const report = runPreparedSuite(suite, { policy: LENIENT_POLICY, version: 'test', now: () => 0 });
    return buildCoverage({ report, suite: suite.entries, ruleset: suite.ruleset, sources: { rules: options.rules, cases: options.cases, regression: [] } });
  })();
  return memo;
}
