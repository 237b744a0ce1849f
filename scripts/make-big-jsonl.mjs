#!/usr/bin/env node
/**
 * Generates a large JSON Lines file for the events reader's memory acceptance test (not part of the unit tests):
 * the events of a gzipped JSONL corpus repeated until the output reaches the target size, with a malformed line
 * inserted every `--bad-every` lines. Prints the line numbers of the malformed lines it wrote, so the reader's
 * report can be checked against them. Deterministic (no randomness).
 *
 * usage: node scripts/make-big-jsonl.mjs <corpus.jsonl.gz> <out.jsonl> [--mb 200] [--bad-every 100000]
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/make-big-jsonl.mjs <corpus.jsonl.gz> <out.jsonl> [--mb 200] [--bad-every 100000]');
  process.exit(2);
}
const targetBytes = option('--mb', 200) * 1024 * 1024;
const badEvery = option('--bad-every', 100_000);
const BAD_LINES = ['{"Event": {"System": {"EventID": 1,', 'not json at all', '[1, 2, 3]', '{"unterminated": "string}'];

const lines = [];
for await (const line of createInterface({ input: createReadStream(input).pipe(createGunzip()), crlfDelay: Infinity })) {
  if (line.trim() !== '') lines.push(line);
}

const out = createWriteStream(output);
const badLineNumbers = [];
let written = 0;
let lineNumber = 0;
for (let i = 0; written < targetBytes; i++) {
  lineNumber++;
  const bad = lineNumber % badEvery === 0;
  const text = (bad ? BAD_LINES[badLineNumbers.length % BAD_LINES.length] : lines[i % lines.length]) + '\n';
  if (bad) badLineNumbers.push(lineNumber);
  written += Buffer.byteLength(text);
  if (!out.write(text)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
console.log(JSON.stringify({ output, bytes: written, lines: lineNumber, malformedLines: badLineNumbers }));
