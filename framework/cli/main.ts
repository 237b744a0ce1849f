#!/usr/bin/env node
/**
 * sigmatest command line: argv → command. Commands live in commands/ (one file each, one entry below).
 * Exit codes: 0 ok, 1 test failures / rule errors, 2 usage or input errors. Never prints a stack trace for
 * bad input; an unexpected internal error prints one line and exits 70.
 */
import { Command, CommanderError } from 'commander';
import { baselineCommand } from './commands/baseline.js';
import { benchCommand } from './commands/bench.js';
import { checkCommand } from './commands/check.js';
import { coverageCommand } from './commands/coverage.js';
import { fuzzCommand } from './commands/fuzz.js';
import { initCommand } from './commands/init.js';
import { mergeReportsCommand } from './commands/merge-reports.js';
import { regressCommand } from './commands/regress.js';
import { runCommand } from './commands/run.js';
import { scanCommand } from './commands/scan.js';
import { EXIT } from './output.js';
import { VERSION } from './version.js';

const COMMANDS = [checkCommand, scanCommand, runCommand, initCommand, fuzzCommand, coverageCommand, baselineCommand, regressCommand, benchCommand, mergeReportsCommand] as const;

function buildProgram(): Command {
  const program = new Command('sigmatest')
    .description('Test Sigma detection rules: a complete Sigma engine, test cases, generated events, coverage and benchmarks.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const make of COMMANDS) program.addCommand(make().exitOverride().showHelpAfterError('(run with --help for usage)'));
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    process.exitCode = EXIT.usage;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`sigmatest: internal error: ${message}\n`);
    if (process.env['SIGMATEST_DEBUG'] && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
    process.exitCode = 70;
  }
}

/** A closed pipe (`sigmatest … | head`) ends the program quietly instead of with a stack trace. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

exitQuietlyOnClosedPipe(process.stdout);
exitQuietlyOnClosedPipe(process.stderr);
await main(process.argv);
