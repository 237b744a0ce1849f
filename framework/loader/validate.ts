/**
 * Schema validation of a classified document. In: its kind, plain value and YAML context. Out: SCHEMA
 * diagnostics with readable messages, each located at the offending YAML node (or its nearest parent).
 * Must hold: each of the three schemas is compiled once per process, when a document of its kind is first
 * validated (ajv, allErrors; a rule set without correlations never compiles theirs); sub-errors of a failed
 * `anyOf` are folded into one message; the output is sorted by position. The schemas are constants checked
 * against the JSON Schema meta-schema by validate.test.ts, so ajv does not compile the meta-schema to check them
 * again in every process (`validateSchema: false`; strict mode still rejects unknown keywords).
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { compareDiagnostics, diagnostic, type Diagnostic } from '../diagnostics.js';
import type { DocumentKind } from './classify.js';
import type { YamlContext } from './read-yaml.js';
import { spanOfPointer } from './node-path.js';
import { describeErrors } from './schema-messages.js';
import { correlationSchema } from './schemas/correlation-schema.js';
import { filterSchema } from './schemas/filter-schema.js';
import { ruleSchema } from './schemas/rule-schema.js';

export const SCHEMAS: Readonly<Record<DocumentKind, object>> = { rule: ruleSchema, correlation: correlationSchema, filter: filterSchema };

/** The options of the validating ajv instance (exported for validate.test.ts). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictRequired: false, validateSchema: false } as const;

let ajv: InstanceType<typeof AjvModule.default> | undefined;
const compiled = new Map<DocumentKind, ValidateFunction>();

function validator(kind: DocumentKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    if (ajv === undefined) {
      ajv = new AjvModule.default(AJV_OPTIONS);
      ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
    }
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

/** SCHEMA diagnostics for `value` as a document of `kind`; `[]` when it is valid. */
export function validateDocument(kind: DocumentKind, value: unknown, ctx: YamlContext): Diagnostic[] {
  const validate = validator(kind);
  if (validate(value)) return [];
  const errors: readonly ErrorObject[] = validate.errors ?? [];
  return describeErrors(errors)
    .map((e) => diagnostic('SCHEMA', 'error', e.message, spanOfPointer(e.instancePath, ctx)))
    .sort(compareDiagnostics);
}
