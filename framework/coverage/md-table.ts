/**
 * Markdown table lines for the coverage renderers: `row` escapes each already-rendered cell for a table (mdCell:
 * `|` and newlines); cell text itself must be escaped by the caller (mdText, mdCode).
 */
import { mdCell } from '../report/markdown.js';

export const row = (cells: readonly string[]): string => `| ${cells.map(mdCell).join(' | ')} |`;

export const header = (cells: readonly string[], align?: readonly string[]): string[] => [row(cells), `|${(align ?? cells.map(() => '---')).join('|')}|`];
