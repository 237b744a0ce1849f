/**
 * Whether a Node or V8 flag was given to this process: on its command line (`process.execArgv`) or in
 * NODE_OPTIONS, as `--name`, `--name value` or `--name=value`. `_` and `-` in a name are the same flag, as Node and
 * V8 read them. Used to leave a setting the user chose alone (cli/v8-pool.ts, jit-budget.ts).
 */
export function flagGiven(flag: string, execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const wanted = flag.replaceAll('_', '-');
  const given = (arg: string): boolean => arg.split('=')[0]?.replaceAll('_', '-') === wanted;
  return execArgv.some(given) || (nodeOptions ?? '').split(/\s+/).some(given);
}
