/**
 * `sigmatest check [PATHS...]`: load, validate and lower every rule; print located diagnostics.
 * Exit 0 without errors, 1 when any document has an error, 2 on usage or input errors (a path that cannot be
 * read, an invalid --logsource-map or --placeholders file).
 */
import { Command, Option } from 'commander';
import { buildRuleset } from '../../ruleset/build-ruleset.js';
import { colorsFor, countBySeverity, EXIT, renderDiagnostic } from '../output.js';
import { readSharedSettings, rulesetOptions } from '../../ruleset/settings.js';

interface CheckOptions {
  format: 'text' | 'json';
  placeholders?: string;
  logsourceMap?: string;
  quiet?: boolean;
}

export async function runCheck(paths: string[], options: CheckOptions): Promise<number> {
  const settings = await readSharedSettings(options);
  const err = colorsFor(process.stderr);
  if (settings.diagnostics.some((d) => d.severity === 'error')) {
    settings.diagnostics.forEach((d) => process.stderr.write(renderDiagnostic(err, d) + '\n'));
    return EXIT.usage;
  }
  const ruleset = await buildRuleset(paths.length > 0 ? paths : ['rules'], {
    ...rulesetOptions(settings),
    unresolvedPlaceholder: settings.placeholders ? 'error' : 'warning',
  });
  const diagnostics = ruleset.diagnostics;
  const counts = countBySeverity(diagnostics);
  const inputError = diagnostics.some((d) => d.code === 'IO_ERROR' || d.code === 'NO_RULE_FILES');
  if (options.format === 'json') {
    const out = {
      files: ruleset.files,
      rules: ruleset.loadedDocuments,
      diagnostics: diagnostics.map((d) => ({ file: d.span.file, line: d.span.line, col: d.span.col, severity: d.severity, code: d.code, message: d.message })),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } else {
    const out = colorsFor(process.stdout);
    for (const d of diagnostics) if (!options.quiet || d.severity === 'error') process.stdout.write(renderDiagnostic(out, d) + '\n');
    const summary = `${ruleset.files} files, ${ruleset.loadedDocuments} rules loaded, ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`;
    process.stderr.write((counts.error > 0 ? err.red(summary) : err.green(summary)) + '\n');
  }
  if (inputError) return EXIT.usage;
  return counts.error > 0 ? EXIT.failures : EXIT.ok;
}

export function checkCommand(): Command {
  return new Command('check')
    .description('Load and validate Sigma rules (detection rules, correlations, filters); print located diagnostics.')
    .argument('[paths...]', 'rule files or folders (recursive)', [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--placeholders <file>', 'YAML map of placeholder values for the expand modifier')
    .option('--logsource-map <file>', 'log-source mapping file replacing the default')
    .option('-q, --quiet', 'print errors only (text format)')
    .addHelpText(
      'after',
      '\nOutput (text): one line per diagnostic, "file:line:col severity code message".\n' +
        'Output (json): {"files": N, "rules": N, "diagnostics": [{file, line, col, severity, code, message}]}.\n' +
        'Exit codes: 0 no error, 1 some rule has an error, 2 usage or input error.',
    )
    .action(async (paths: string[], options: CheckOptions) => {
      process.exitCode = await runCheck(paths, options);
    });
}
