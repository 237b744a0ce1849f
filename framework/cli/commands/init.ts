/**
 * `sigmatest init RULE`: write a starter case file for RULE at cases/<path of RULE below its rules/ folder>,
 * never overwriting an existing file without --force. A file whose documents are correlation rules (and no
 * detection rule) gets sequence cases instead: the rule set of --rules (default ./rules or the config's) is
 * loaded with RULE so the referenced rules resolve, and the first correlation of RULE gets a generated firing
 * sequence and its near misses (init-cases.ts). Exit 0 written; 1 the rule does not load; 2 usage errors or an
 * existing file.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { starterCases, starterSequenceCases } from './init-cases.js';
import type { IrCorrelation } from '../../correlation/types.js';
import type { Diagnostic } from '../../diagnostics.js';
import { resolveRunSettings } from '../../harness/run-settings.js';
import { listRuleFiles, loadRuleFiles } from '../../loader/index.js';
import { buildRuleset } from '../../ruleset/build-ruleset.js';
import { readSharedSettings, rulesetOptions } from '../../ruleset/settings.js';
import { colorsFor, EXIT, renderDiagnostic } from '../output.js';

interface InitOptions {
  cases: string;
  force?: boolean;
  logsourceMap?: string;
  placeholders?: string;
  rules?: string[];
  config?: string;
}

export function initCommand(): Command {
  return new Command('init')
    .description('Write a starter case file for a rule: a positive and near misses derived from its logic by the generators (a correlation rule: a firing sequence and near-miss sequences).')
    .argument('<rule>', 'the rule file')
    .option('--cases <dir>', 'the cases folder', 'cases')
    .option('--force', 'overwrite an existing case file')
    .option('--logsource-map <file>', 'log-source mapping YAML (default: the built-in map)')
    .option('--placeholders <file>', 'YAML file with values for expand placeholders')
    .option('--rules <paths...>', 'correlation rules: where the rules it references are loaded from (default: ./rules or sigmatest.config.yml)')
    .option('--config <file>', 'configuration file for --rules, --placeholders, --logsource-map defaults of a correlation (default: ./sigmatest.config.yml when present)')
    .addHelpText('after', '\nExamples:\n  sigmatest init rules/windows/network_connection/net_connection_win_domain_portmap.yml\n  sigmatest init rules/correlations/mr_many_failed_logons.yml')
    .action(async (rule: string, options: InitOptions) => {
      process.exitCode = await runInit(rule, options);
    });
}

/** cases/<the rule's path below its last `rules` folder>, or cases/<file name>. */
export function caseFileFor(rulePath: string, casesDir: string): string {
  const parts = path.normalize(rulePath).split(path.sep);
  const at = parts.lastIndexOf('rules');
  const below = at >= 0 ? parts.slice(at + 1) : [path.basename(rulePath)];
  return path.join(casesDir, ...below);
}

/** What a case file's `rule:` names a correlation by: its id or name, else (neither written) its file. */
export function correlationReference(c: IrCorrelation): string {
  return c.id.startsWith(`${c.path}#`) ? c.path : c.id;
}

async function writeCaseFile(target: string, text: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(`${target}.tmp`, text);
  await rename(`${target}.tmp`, target);
}

function printErrors(diagnostics: readonly Diagnostic[]): void {
  const err = colorsFor(process.stderr);
  for (const d of diagnostics.filter((x) => x.severity === 'error').slice(0, 20)) process.stderr.write(renderDiagnostic(err, d) + '\n');
}

export async function runInit(rulePath: string, options: InitOptions): Promise<number> {
  const target = caseFileFor(rulePath, options.cases);
  if (existsSync(target) && !options.force) {
    process.stderr.write(`sigmatest init: ${target} exists; use --force to overwrite it\n`);
    return EXIT.usage;
  }
  const kinds = new Set((await loadRuleFiles([rulePath])).documents.map((d) => d.kind));
  if (kinds.has('correlation') && !kinds.has('rule')) return initCorrelation(rulePath, target, options);
  const settings = await readSharedSettings(options);
  const ruleset = await buildRuleset([rulePath], rulesetOptions(settings));
  const rule = ruleset.rules[0];
  if (!rule) {
    const err = colorsFor(process.stderr);
    for (const d of ruleset.diagnostics.filter((x) => x.severity === 'error')) process.stderr.write(renderDiagnostic(err, d) + '\n');
    process.stderr.write(`sigmatest init: no rule could be loaded from ${rulePath}\n`);
    return EXIT.failures;
  }
  const file = { rule: rule.source.id ?? rulePath, cases: starterCases(rule.ir) };
  const text = `# Starter cases for "${rule.ir.title}", written by sigmatest init: review every event before relying on it.\n${stringify(file)}`;
  await writeCaseFile(target, text);
  process.stdout.write(`wrote ${target} (${file.cases.length} cases)\n`);
  return EXIT.ok;
}

/** RULE holds correlations: load it with the rule set its references resolve in, write sequence cases. */
async function initCorrelation(rulePath: string, target: string, options: InitOptions): Promise<number> {
  const resolved = await resolveRunSettings({
    ...(options.config ? { config: options.config } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.placeholders ? { placeholders: options.placeholders } : {}),
    ...(options.logsourceMap ? { logsourceMap: options.logsourceMap } : {}),
  });
  if (!resolved.settings) {
    printErrors(resolved.diagnostics);
    return EXIT.usage;
  }
  const settings = resolved.settings;
  const file = path.resolve(rulePath);
  const listed = await listRuleFiles(settings.rules);
  const paths = listed.files.some((f) => path.resolve(f) === file) ? settings.rules : [...settings.rules, rulePath];
  const ruleset = await buildRuleset(paths, { ...settings.ruleset, unresolvedPlaceholder: 'error' });
  const correlation = ruleset.correlations.find((c) => path.resolve(c.path) === file);
  if (!correlation) {
    const own = ruleset.diagnostics.filter((d) => path.resolve(d.span.file) === file);
    printErrors(own.some((d) => d.severity === 'error') ? own : ruleset.diagnostics);
    process.stderr.write(`sigmatest init: no correlation rule could be loaded from ${rulePath} (its rules are looked up in ${settings.rules.join(', ')}; see --rules)\n`);
    return EXIT.failures;
  }
  const starter = starterSequenceCases(correlation, ruleset.rules.map((r) => r.ir), ruleset.correlations);
  for (const p of starter.problems) process.stderr.write(`sigmatest init: warning: ${p}\n`);
  const doc = { rule: correlationReference(correlation), cases: starter.cases };
  const text = `# Starter sequence cases for "${correlation.title}", written by sigmatest init: review every event before relying on it.\n${stringify(doc)}`;
  await writeCaseFile(target, text);
  process.stdout.write(`wrote ${target} (${starter.cases.length} sequence cases)\n`);
  return EXIT.ok;
}
