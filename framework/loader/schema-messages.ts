/**
 * ajv errors → readable messages (`logsource: must have at least one of category, product, service`).
 * In: the errors of one validation (ajv `allErrors` + `verbose`). Out: one entry per problem with its
 * `instancePath`. Must hold: a failed `anyOf` is one message (its branch errors are folded into it);
 * `if` errors are dropped (the `then` branch errors say what is wrong); duplicates are removed.
 */
import type { ErrorObject } from 'ajv';
import { pointerSegments } from './node-path.js';

export interface SchemaProblem {
  readonly instancePath: string;
  readonly message: string;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  array: 'a list',
  object: 'a map',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  null: 'null',
};

export function describeErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const folded = new Set<ErrorObject>();
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const problems: SchemaProblem[] = [];
  for (const alternative of alternatives) {
    const branches = errors.filter((e) => e.schemaPath.startsWith(`${alternative.schemaPath}/`));
    branches.forEach((e) => folded.add(e));
    problems.push(problem(alternative, describeAlternatives(alternative, branches)));
  }
  for (const error of errors) {
    if (folded.has(error) || alternatives.includes(error) || error.keyword === 'if') continue;
    problems.push(problem(error, describeError(error)));
  }
  return dedupe(problems);
}

function problem(error: ErrorObject, message: string): SchemaProblem {
  const label = pathLabel(error.instancePath);
  return { instancePath: error.instancePath, message: label === '' ? message : `${label}: ${message}` };
}

/** `/detection/sel/0` → `detection.sel[0]`. */
export function pathLabel(instancePath: string): string {
  let label = '';
  for (const segment of pointerSegments(instancePath)) {
    if (label === '') label = segment;
    else label = /^\d+$/.test(segment) ? `${label}[${segment}]` : `${label}.${segment}`;
  }
  return label;
}

function customMessage(error: ErrorObject): string | undefined {
  const messages: unknown = error.parentSchema?.['x-messages'];
  if (typeof messages !== 'object' || messages === null) return undefined;
  const message: unknown = (messages as Record<string, unknown>)[error.keyword];
  return typeof message === 'string' ? message : undefined;
}

function describeAlternatives(error: ErrorObject, branches: readonly ErrorObject[]): string {
  const custom = customMessage(error);
  if (custom !== undefined) return custom;
  if (branches.length > 0 && branches.every((b) => b.keyword === 'required')) {
    const names = branches.map((b) => String(b.params['missingProperty']));
    return `must have at least one of ${names.join(', ')}`;
  }
  if (branches.length > 0 && branches.every((b) => b.keyword === 'type')) {
    return `must be ${branches.map((b) => typeName(b.params['type'])).join(' or ')}`;
  }
  return 'does not match any allowed form';
}

function describeError(error: ErrorObject): string {
  const custom = customMessage(error);
  if (custom !== undefined) return custom;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required attribute '${String(params['missingProperty'])}'`;
    case 'type':
      return `must be ${typeName(params['type'])}`;
    case 'enum':
      return `${JSON.stringify(error.data)} is not allowed; must be one of: ${listOf(params['allowedValues'])}`;
    case 'minLength':
      return params['limit'] === 1 ? 'must not be empty' : `must be at least ${String(params['limit'])} characters`;
    case 'maxLength':
      return `must be at most ${String(params['limit'])} characters`;
    case 'minItems':
      return params['limit'] === 1 ? 'must not be an empty list' : `must have at least ${String(params['limit'])} items`;
    case 'pattern':
      return `must match the pattern ${String(params['pattern'])}`;
    default:
      return error.message ?? `fails the ${error.keyword} check`;
  }
}

function typeName(type: unknown): string {
  const names = String(type).split(',');
  return names.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
}

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : String(values);
}

function dedupe(problems: readonly SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.instancePath}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
