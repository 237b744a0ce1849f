/**
 * Flags + sigmatest.config.yml → the settings of a run (flags win, then the config file, then defaults:
 * ./rules, ./cases (none when the default folder does not exist), ./reports, no regression data; policy strict when the rules are the default ./rules,
 * else lenient). Shared by `sigmatest run` and the vitest registration so both run the same suite.
 * Invalid config, log-source map or placeholders files come back as error diagnostics (input errors).
 */
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import type { RulesetOptions } from '../ruleset/build-ruleset.js';
import { readSharedSettings, rulesetOptions } from '../ruleset/settings.js';
import { loadConfig, policyNamed } from './config.js';
import type { CasePolicy } from './run.js';

export interface RunFlags {
  readonly config?: string;
  readonly rules?: readonly string[];
  readonly cases?: readonly string[];
  readonly regression?: readonly string[];
  readonly reports?: string;
  readonly policy?: 'strict' | 'lenient';
  readonly placeholders?: string;
  readonly logsourceMap?: string;
  readonly gating?: boolean;
}

export interface RunSettings {
  readonly rules: readonly string[];
  readonly cases: readonly string[];
  readonly regression: readonly string[];
  readonly reports: string;
  readonly policy: CasePolicy;
  readonly ruleset: Omit<RulesetOptions, 'unresolvedPlaceholder'>;
  /** The files `ruleset` was read from (flag or config), for child processes that must load the same rule set. */
  readonly settingsFiles: { readonly placeholders?: string; readonly logsourceMap?: string };
}

function isDefaultRules(rules: readonly string[]): boolean {
  return rules.length === 1 && ['rules', './rules', 'rules/'].includes(rules[0] ?? '');
}

export async function resolveRunSettings(flags: RunFlags): Promise<{ settings?: RunSettings; diagnostics: readonly Diagnostic[] }> {
  const { config, diagnostics } = await loadConfig(flags.config);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const rules = flags.rules ?? config.rules ?? ['rules'];
  const placeholders = flags.placeholders ?? config.placeholders;
  const logsourceMap = flags.logsourceMap ?? config.logsourceMap;
  const shared = await readSharedSettings({ gating: flags.gating ?? true, ...(placeholders ? { placeholders } : {}), ...(logsourceMap ? { logsourceMap } : {}) });
  if (shared.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: shared.diagnostics };
  const policy = (flags.policy ? policyNamed(flags.policy) : undefined) ?? config.policy ?? policyNamed(isDefaultRules(rules) ? 'strict' : 'lenient')!;
  return {
    diagnostics: [...diagnostics, ...shared.diagnostics],
    settings: {
      rules,
      cases: flags.cases ?? config.cases ?? (existsSync('cases') ? ['cases'] : []),
      regression: flags.regression ?? config.regression ?? [],
      reports: flags.reports ?? config.reports ?? 'reports',
      policy,
      ruleset: rulesetOptions(shared),
      settingsFiles: { ...(placeholders ? { placeholders } : {}), ...(logsourceMap ? { logsourceMap } : {}) },
    },
  };
}
