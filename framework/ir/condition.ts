/**
 * The condition language (semantics §6): lexer + recursive-descent parser, precedence or < and < not < x of.
 * In: condition text and the rule's identifier names. Out: a ConditionExpr with `x of` patterns resolved to names,
 * or located problems. Operators are lower-case only; quantifiers 1/any/all only; legacy `|` aggregations and
 * `near` are rejected with a precise message; a pattern that names no identifier is rejected (§6.2, C83/C84).
 */
import type { DiagnosticCode } from '../diagnostics.js';
import type { ConditionExpr } from './types.js';

export interface ConditionProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** 0-based offset of the problem in the condition text. */
  readonly offset: number;
}

export type ConditionResult =
  | { readonly ok: true; readonly expr: ConditionExpr }
  | { readonly ok: false; readonly problem: ConditionProblem };

interface Token {
  readonly text: string;
  readonly offset: number;
}

const OPERATORS = new Set(['and', 'or', 'not', 'of']);
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
const PATTERN = /^[A-Za-z0-9_*]+$/;

class ConditionError extends Error {
  constructor(readonly problem: ConditionProblem) {
    super(problem.message);
  }
}

function fail(code: DiagnosticCode, message: string, offset: number): never {
  throw new ConditionError({ code, message, offset });
}

/** `(`, `)` and the runs of other characters between white space (JavaScript's `\s`) and parentheses. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x29) {
      tokens.push({ text: c === 0x28 ? '(' : ')', offset: i++ });
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && !isBreak(text.charCodeAt(end))) end++;
    tokens.push({ text: text.slice(i, end), offset: i });
    i = end;
  }
  return tokens;
}

const SPACE = /\s/;

/** Whether a code unit is white space for `\s` (ASCII fast path; others as the regular expression says). */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return SPACE.test(String.fromCharCode(c));
}

function isBreak(c: number): boolean {
  return c === 0x28 || c === 0x29 || isSpace(c);
}

function checkLegacy(text: string, tokens: readonly Token[]): void {
  const near = tokens.find((t) => t.text === 'near');
  if (near) fail('LEGACY_NEAR', "'near' is Sigma 1.x syntax; express it as a temporal correlation rule", near.offset);
  const pipe = text.indexOf('|');
  if (pipe >= 0) {
    fail(
      'LEGACY_AGGREGATION',
      "aggregation expressions after '|' (e.g. '| count() by x > 5') are Sigma 1.x syntax; express them as a Sigma v2 correlation rule",
      pipe,
    );
  }
}

/** Full-match glob over identifier names; `_`-names only when the pattern itself starts with `_` (§6.2). */
export function resolvePattern(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const segments = pattern.split('*');
  const hidden = !pattern.startsWith('_');
  return names.filter((n) => globMatches(segments, n) && !(hidden && n.startsWith('_'))).slice();
}

/** Whether `name` matches the glob whose `*`-separated literal parts are `segments` (`*` = any run). */
function globMatches(segments: readonly string[], name: string): boolean {
  const first = segments[0] ?? '';
  if (segments.length === 1) return name === first;
  const last = segments[segments.length - 1] ?? '';
  if (!name.startsWith(first)) return false;
  let pos = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const at = name.indexOf(segments[i] ?? '', pos);
    if (at < 0) return false;
    pos = at + (segments[i] ?? '').length;
  }
  return name.length - last.length >= pos && name.endsWith(last);
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly names: readonly string[],
    private readonly end: number,
  ) {}

  parse(): ConditionExpr {
    if (this.tokens.length === 0) fail('CONDITION_SYNTAX', 'the condition is empty', 0);
    const expr = this.orExpr();
    const extra = this.peek();
    if (extra) fail('CONDITION_SYNTAX', `unexpected '${extra.text}' (expected 'and', 'or' or the end)`, extra.offset);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.pos++];
    if (!token) fail('CONDITION_SYNTAX', `the condition ends where ${expected} was expected`, this.end);
    return token;
  }

  private binary(kind: 'and' | 'or', operand: () => ConditionExpr): ConditionExpr {
    const args = [operand()];
    while (this.peek()?.text === kind) {
      this.pos++;
      args.push(operand());
    }
    return args.length === 1 ? (args[0] as ConditionExpr) : { kind, args: args.slice() };
  }

  private orExpr(): ConditionExpr {
    return this.binary('or', () => this.andExpr());
  }

  private andExpr(): ConditionExpr {
    return this.binary('and', () => this.notExpr());
  }

  private notExpr(): ConditionExpr {
    if (this.peek()?.text === 'not') {
      this.pos++;
      return { kind: 'not', arg: this.notExpr() };
    }
    return this.atom();
  }

  private atom(): ConditionExpr {
    const token = this.next('an identifier, "(", "not" or "1 of"/"all of"');
    if (token.text === '(') {
      const inner = this.orExpr();
      const close = this.next("')'");
      if (close.text !== ')') fail('CONDITION_SYNTAX', `expected ')' but found '${close.text}'`, close.offset);
      return inner;
    }
    if (this.tokens[this.pos]?.text === 'of') return this.quantified(token);
    return this.identifier(token);
  }

  private quantified(quantifier: Token): ConditionExpr {
    this.pos++; // 'of'
    if (!['1', 'any', 'all'].includes(quantifier.text)) {
      fail('CONDITION_SYNTAX', `'${quantifier.text} of' is not Sigma: the quantifier must be 1, any or all`, quantifier.offset);
    }
    const pattern = this.next('an identifier pattern or "them"');
    if (!PATTERN.test(pattern.text)) {
      fail('CONDITION_SYNTAX', `'${pattern.text}' is not a valid identifier pattern (letters, digits, _ and *)`, pattern.offset);
    }
    const names = resolvePattern(pattern.text, this.names);
    if (names.length === 0) {
      fail('EMPTY_PATTERN', `'${quantifier.text} of ${pattern.text}' matches no search identifier`, pattern.offset);
    }
    return { kind: 'of', quantifier: quantifier.text === 'all' ? 'all' : 'any', pattern: pattern.text, names };
  }

  private identifier(token: Token): ConditionExpr {
    const { text, offset } = token;
    if (OPERATORS.has(text) || text === ')') fail('CONDITION_SYNTAX', `unexpected '${text}'`, offset);
    if (!IDENTIFIER.test(text)) {
      const hint = this.names.includes(text) ? ' (reach such names with a pattern, e.g. 1 of ...*)' : '';
      fail('CONDITION_SYNTAX', `'${text}' is not a valid identifier: names in conditions use letters, digits, _ and -${hint}`, offset);
    }
    if (this.names.includes(text)) return { kind: 'ref', name: text };
    if (OPERATORS.has(text.toLowerCase())) {
      fail('CONDITION_SYNTAX', `operators are lower-case in Sigma: write '${text.toLowerCase()}', not '${text}'`, offset);
    }
    fail('UNDEFINED_IDENTIFIER', `'${text}' is not a search identifier of this rule`, offset);
  }
}

export function parseCondition(text: string, names: readonly string[]): ConditionResult {
  try {
    const tokens = tokenize(text);
    checkLegacy(text, tokens);
    return { ok: true, expr: new Parser(tokens, names, text.length).parse() };
  } catch (e) {
    if (e instanceof ConditionError) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** Identifier names a condition refers to, directly or through patterns. */
export function referencedNames(expr: ConditionExpr, into = new Set<string>()): Set<string> {
  switch (expr.kind) {
    case 'ref':
      into.add(expr.name);
      break;
    case 'of':
      expr.names.forEach((n) => into.add(n));
      break;
    case 'not':
      referencedNames(expr.arg, into);
      break;
    default:
      expr.args.forEach((a) => referencedNames(a, into));
  }
  return into;
}
