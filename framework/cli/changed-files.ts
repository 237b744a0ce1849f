/**
 * `--changed-since GITREV`: the absolute paths of files changed since GITREV (committed, staged, unstaged and
 * untracked), from git. A bad revision or a folder outside git is an input error with git's own message.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function changedFilesSince(rev: string): Promise<{ files: Set<string> } | { error: string }> {
  try {
    const top = (await git(['rev-parse', '--show-toplevel'])).trim();
    const diff = await git(['diff', '--name-only', rev, '--']);
    const untracked = await git(['ls-files', '--others', '--exclude-standard', '--full-name']);
    const names = `${diff}\n${untracked}`.split('\n').filter((n) => n.trim() !== '');
    return { files: new Set(names.map((n) => path.resolve(top, n))) };
  } catch (e) {
    const message = (e as { stderr?: string }).stderr?.trim() || (e instanceof Error ? e.message : String(e));
    return { error: `--changed-since ${rev}: ${message.split('\n')[0]}` };
  }
}
