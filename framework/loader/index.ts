/**
 * Public surface of the loader: read Sigma rule files into typed documents with located diagnostics.
 * Re-exports only.
 */
export { loadListedFiles, loadRuleFiles, loadRuleText, readRuleText } from './load-rules.js';
export { listRuleFiles, type RuleFileList } from './rule-files.js';
export { readYamlDocuments, spanOf, type YamlContext, type YamlDocument } from './read-yaml.js';
export { resolveYaml11Plain, type Yaml11Scalar } from './yaml11.js';
export { classifyDocument, type DocumentKind } from './classify.js';
export { validateDocument } from './validate.js';
export { toDocument } from './to-rule.js';
export type * from './types.js';
