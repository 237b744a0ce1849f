/**
 * Source positions. Lines and columns are 1-based, as editors and `file:line:col` links expect.
 */
export interface SourceSpan {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export function spanAt(file: string, line = 1, col = 1): SourceSpan {
  return { file, line, col };
}
