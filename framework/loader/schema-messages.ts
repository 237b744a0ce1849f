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
  const problems: SchemaProblem[] = [];
  // Outermost first, so that an anyOf nested in another one is described within its parent.
  const alternatives = errors.filter(isAlternative).sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const alternative of alternatives) {
    if (folded.has(alternative)) continue;
    const branches = errors.filter((e) => e.schemaPath.startsWith(`${alternative.schemaPath}/`));
    branches.forEach((e) => folded.add(e));
    problems.push(...describeAlternatives(alternative, branches));
  }
  for (const error of errors) {
    if (folded.has(error) || isAlternative(error) || error.keyword === 'if') continue;
    problems.push(problem(error, describeError(error)));
  }
  return dedupe(problems);
}

function isAlternative(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf';
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

/**
 * A failed `anyOf`: when exactly one branch fits the value's type, its own errors say what is wrong
 * (`rules[0]: must be a string`); otherwise one message for the whole `anyOf`.
 */
function describeAlternatives(error: ErrorObject, branches: readonly ErrorObject[]): SchemaProblem[] {
  const fitting = fittingBranches(error, branches);
  if (fitting.length === 1 && fitting[0] !== undefined && fitting[0].length > 0) return describeErrors(fitting[0]);
  return [problem(error, alternativesMessage(error, branches))];
}

/** Branch errors grouped by branch, without the branches whose `type` rejects the value itself. */
function fittingBranches(error: ErrorObject, branches: readonly ErrorObject[]): ErrorObject[][] {
  const byBranch = new Map<string, ErrorObject[]>();
  for (const branch of branches) {
    const index = branch.schemaPath.slice(error.schemaPath.length + 1).split('/')[0] ?? '';
    byBranch.set(index, [...(byBranch.get(index) ?? []), branch]);
  }
  const rejectsType = (e: ErrorObject): boolean => e.keyword === 'type' && e.instancePath === error.instancePath;
  return [...byBranch.values()].filter((group) => !group.some(rejectsType));
}

function alternativesMessage(error: ErrorObject, branches: readonly ErrorObject[]): string {
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
      if (params['limit'] === 1) return 'must not be an empty list';
      return `must have at least ${String(params['limit'])} items`;
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
