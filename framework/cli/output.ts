/**
 * Terminal output helpers: colours only when the stream is a TTY (and NO_COLOR is unset), one place for
 * writing lines so commands stay testable.
 */
import pc from 'picocolors';
import type { Diagnostic, Severity } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(stream: NodeJS.WriteStream): Colors {
  const enabled = Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
  return pc.createColors(enabled);
}

export function paintSeverity(c: Colors, severity: Severity, text: string): string {
  if (severity === 'error') return c.red(text);
  if (severity === 'warning') return c.yellow(text);
  return c.cyan(text);
}

/** `file:line:col severity code message`, with the severity coloured on a terminal. */
export function renderDiagnostic(c: Colors, d: Diagnostic): string {
  const plain = formatDiagnostic(d);
  const location = `${d.span.file}:${d.span.line}:${d.span.col}`;
  return `${c.bold(location)} ${paintSeverity(c, d.severity, d.severity)} ${c.dim(d.code)} ${plain.slice(location.length + d.severity.length + d.code.length + 3)}`;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failures: 1, usage: 2 } as const;
