/**
 * `sigmatest.config.yml` (in the working folder, or `--config FILE`): defaults for `run` and the commands
 * after it. Flags always win over the file. Invalid files are input errors (CONFIG diagnostics, exit 2).
 *
 *   rules: [rules]            cases: [cases]            reports: reports
 *   regression: []            placeholders: rules/placeholders.yml
 *   logsourceMap: my-map.yml  policy: strict | lenient | {requirePositive: bool, requireNegative: bool}
 * Relative paths in the file are relative to the file's folder.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AjvModule from 'ajv';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { spanOfPointer } from '../loader/node-path.js';
import { readYamlDocuments } from '../loader/read-yaml.js';
import { describeErrors } from '../loader/schema-messages.js';
import { LENIENT_POLICY, STRICT_POLICY, type CasePolicy } from './run.js';

export const CONFIG_FILE = 'sigmatest.config.yml';

export interface SigmatestConfig {
  readonly rules?: readonly string[];
  readonly cases?: readonly string[];
  readonly reports?: string;
  readonly regression?: readonly string[];
  readonly placeholders?: string;
  readonly logsourceMap?: string;
  readonly policy?: CasePolicy;
}

const paths = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: paths,
    cases: paths,
    regression: paths,
    reports: { type: 'string', minLength: 1 },
    placeholders: { type: 'string', minLength: 1 },
    logsourceMap: { type: 'string', minLength: 1 },
    policy: {
      anyOf: [
        { enum: ['strict', 'lenient'] },
        {
          type: 'object',
          additionalProperties: false,
          properties: { requirePositive: { type: 'boolean' }, requireNegative: { type: 'boolean' } },
        },
      ],
    },
  },
} as const;

export function policyNamed(name: string): CasePolicy | undefined {
  return name === 'strict' ? STRICT_POLICY : name === 'lenient' ? LENIENT_POLICY : undefined;
}

interface RawConfig {
  rules?: string[];
  cases?: string[];
  regression?: string[];
  reports?: string;
  placeholders?: string;
  logsourceMap?: string;
  policy?: 'strict' | 'lenient' | Partial<CasePolicy>;
}

function normalise(raw: RawConfig, dir: string): SigmatestConfig {
  const rel = (p: string): string => (path.isAbsolute(p) ? p : path.relative('.', path.join(dir, p)) || '.');
  const policy = typeof raw.policy === 'string' ? policyNamed(raw.policy) : raw.policy ? { ...STRICT_POLICY, ...raw.policy } : undefined;
  return {
    ...(raw.rules ? { rules: raw.rules.map(rel) } : {}),
    ...(raw.cases ? { cases: raw.cases.map(rel) } : {}),
    ...(raw.regression ? { regression: raw.regression.map(rel) } : {}),
    ...(raw.reports ? { reports: rel(raw.reports) } : {}),
    ...(raw.placeholders ? { placeholders: rel(raw.placeholders) } : {}),
    ...(raw.logsourceMap ? { logsourceMap: rel(raw.logsourceMap) } : {}),
    ...(policy ? { policy } : {}),
  };
}

/** The config at `file` (or ./sigmatest.config.yml when it exists); `{}` when there is none. */
export async function loadConfig(file?: string): Promise<{ config: SigmatestConfig; diagnostics: Diagnostic[] }> {
  const target = file ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!target) return { config: {}, diagnostics: [] };
  const text = await readFile(target, 'utf8').catch((e: unknown) => e as Error);
  if (text instanceof Error) return { config: {}, diagnostics: [diagnostic('CONFIG', 'error', `cannot read config: ${text.message}`, { file: target, line: 1, col: 1 })] };
  const read = readYamlDocuments(text, target);
  const doc = read.documents[0];
  if (read.diagnostics.length > 0 || !doc) return { config: {}, diagnostics: [...read.diagnostics] };
  const value: unknown = doc.doc.toJS() ?? {};
  const validate = new AjvModule.default({ allErrors: true, verbose: true }).compile(schema);
  if (!validate(value)) {
    return { config: {}, diagnostics: describeErrors(validate.errors ?? []).map((p) => diagnostic('CONFIG', 'error', p.message, spanOfPointer(p.instancePath, doc))) };
  }
  return { config: normalise(value as RawConfig, path.dirname(target)), diagnostics: [] };
}
