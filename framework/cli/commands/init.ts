/**
 * `sigmatest init RULE`: write a starter case file for RULE at cases/<path of RULE below its rules/ folder>,
 * never overwriting an existing file without --force. Exit 0 written; 1 the rule does not load; 2 usage
 * errors or an existing file.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { starterCases } from './init-cases.js';
import { buildRuleset } from '../../ruleset/build-ruleset.js';
import { readSharedSettings } from '../../ruleset/settings.js';
import { colorsFor, EXIT, renderDiagnostic } from '../output.js';

interface InitOptions {
  cases: string;
  force?: boolean;
  logsourceMap?: string;
  placeholders?: string;
}

export function initCommand(): Command {
  return new Command('init')
    .description('Write a starter case file for a rule: a positive and near misses derived from its logic by the generators.')
    .argument('<rule>', 'the rule file')
    .option('--cases <dir>', 'the cases folder', 'cases')
    .option('--force', 'overwrite an existing case file')
    .option('--logsource-map <file>', 'log-source mapping YAML (default: the built-in map)')
    .option('--placeholders <file>', 'YAML file with values for expand placeholders')
    .addHelpText('after', '\nExample:\n  sigmatest init rules/windows/network_connection/net_connection_win_domain_portmap.yml')
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

export async function runInit(rulePath: string, options: InitOptions): Promise<number> {
  const target = caseFileFor(rulePath, options.cases);
  if (existsSync(target) && !options.force) {
    process.stderr.write(`sigmatest init: ${target} exists; use --force to overwrite it\n`);
    return EXIT.usage;
  }
  const settings = await readSharedSettings(options);
  const ruleset = await buildRuleset([rulePath], { logsourceMap: settings.logsourceMap, ...(settings.placeholders ? { placeholders: settings.placeholders } : {}) });
  const rule = ruleset.rules[0];
  if (!rule) {
    const err = colorsFor(process.stderr);
    for (const d of ruleset.diagnostics.filter((x) => x.severity === 'error')) process.stderr.write(renderDiagnostic(err, d) + '\n');
    process.stderr.write(`sigmatest init: no rule could be loaded from ${rulePath}\n`);
    return EXIT.failures;
  }
  const file = { rule: rule.source.id ?? rulePath, cases: starterCases(rule.ir) };
  const text = `# Starter cases for "${rule.ir.title}", written by sigmatest init: review every event before relying on it.\n${stringify(file)}`;
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(`${target}.tmp`, text);
  await rename(`${target}.tmp`, target);
  process.stdout.write(`wrote ${target} (${file.cases.length} cases)\n`);
  return EXIT.ok;
}
