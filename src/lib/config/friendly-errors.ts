/**
 * One friendly-error helper for every YAML input (data/status.yaml, Markdown frontmatter):
 * each problem becomes ONE line `file:line:col: key.path: problem — fix`.
 * Pure: the caller passes the text; nothing here reads files.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'astro/zod';

export type PathSegment = string | number;

/** A 1-based line:column position in a file. */
export interface Position {
  line: number;
  col: number;
}

/** Finds where a key path sits in the source: the value node, or the key itself when `asKey`. */
export type Locate = (path: readonly PathSegment[], asKey?: boolean) => Position;

/** A parsed YAML document with what the error helper needs to point into the source. */
export interface ParsedYaml {
  value: unknown;
  locate: Locate;
}

/** `services[1].metrics[0].threshold` from a zod/YAML path; `(top level)` for the root. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(top level)' : out;
}

/** One error line in the house format. */
export function errorLine(file: string, pos: Position, path: readonly PathSegment[] | string, message: string): string {
  const where = typeof path === 'string' ? path : formatPath(path);
  return `${file}:${pos.line}:${pos.col}: ${where}: ${message}`;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment), for "did you mean" hints. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      row[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The closest candidate to a misspelt word, when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  if (best !== undefined && bestDistance <= limit) return best;
  // An abbreviation ("AVG" for "AVERAGE") is a likely typo too.
  const lower = word.toLowerCase();
  return lower.length >= 2 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}

/** 1-based position of a character offset, shifted by `lineOffset` lines (frontmatter inside a Markdown file). */
function toPosition(lc: LineCounter, offset: number, lineOffset: number): Position {
  const p = lc.linePos(offset);
  return { line: p.line + lineOffset, col: p.col };
}

/** The value node at `path`, or undefined. */
function nodeAt(doc: Document, path: readonly PathSegment[]): Node | undefined {
  const n: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return n !== null && typeof n === 'object' && 'range' in n ? (n as Node) : undefined;
}

/** The key node of the last segment of `path`, or undefined. */
function keyNodeAt(doc: Document, path: readonly PathSegment[]): Node | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  for (const pair of parent.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(last)) return pair.key;
  }
  return undefined;
}

/**
 * Parses YAML keeping positions. Syntax errors come back as one line each.
 * `lineOffset` shifts reported lines (frontmatter starts on line 2 of a Markdown file).
 */
export function parseYaml(text: string, file: string, lineOffset = 0): { ok: true; yaml: ParsedYaml } | { ok: false; errors: string[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const pos = toPosition(lc, e.pos[0], lineOffset);
      const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      return `${file}:${pos.line}:${pos.col}: YAML syntax error: ${first} — check the indentation, the colon after the key and the quotes on this line.`;
    });
    return { ok: false, errors };
  }
  const locate: Locate = (path, asKey = false) => {
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      const node = asKey && n === path.length ? (keyNodeAt(doc, sub) ?? nodeAt(doc, sub)) : nodeAt(doc, sub);
      // A missing key points at the key of its parent (where it should be added).
      const target = n < path.length && n > 0 ? (keyNodeAt(doc, sub) ?? node) : node;
      if (target?.range) return toPosition(lc, target.range[0], lineOffset);
    }
    return { line: 1 + lineOffset, col: 1 };
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb (or another resource limit of the yaml library): one line, never a stack trace.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { ok: false, errors: [`${file}:${1 + lineOffset}:1: YAML cannot be read (${reason}) — write the values plainly, with fewer anchors (&) and aliases (*).`] };
  }
  return { ok: true, yaml: { value, locate } };
}

/** The sub-schema at a path (through defaults, optionals, arrays, records), for listing allowed keys. */
function schemaAt(schema: z.ZodTypeAny, path: readonly PathSegment[]): z.ZodTypeAny | undefined {
  let s: z.ZodTypeAny | undefined = schema;
  for (const seg of path) {
    s = unwrap(s);
    if (s === undefined) return undefined;
    const def = s._def as { typeName?: string };
    if (def.typeName === 'ZodObject') s = (s as z.AnyZodObject).shape[String(seg)] as z.ZodTypeAny | undefined;
    else if (def.typeName === 'ZodArray') s = (s as z.ZodArray<z.ZodTypeAny>).element;
    else if (def.typeName === 'ZodRecord') s = (s as z.ZodRecord).valueSchema as z.ZodTypeAny;
    else if (def.typeName === 'ZodUnion') {
      const options = (s as z.ZodUnion<[z.ZodTypeAny, ...z.ZodTypeAny[]]>).options;
      s = options.map((o) => schemaAt(o, [seg])).find((x) => x !== undefined);
    } else return undefined;
  }
  return unwrap(s);
}

function unwrap(s: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    const def = cur._def as { typeName?: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
    if (def.typeName === 'ZodDefault' || def.typeName === 'ZodOptional' || def.typeName === 'ZodNullable') cur = def.innerType;
    else if (def.typeName === 'ZodEffects') cur = def.schema;
    else return cur;
  }
  return cur;
}

/** The keys an object accepts at `path` (empty when not an object). */
export function allowedKeys(schema: z.ZodTypeAny, path: readonly PathSegment[]): string[] {
  const s = schemaAt(schema, path);
  return s && (s._def as { typeName?: string }).typeName === 'ZodObject' ? Object.keys((s as z.AnyZodObject).shape) : [];
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  float: 'a decimal number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (keys indented below)',
  null: 'nothing',
  undefined: 'nothing',
  date: 'a date',
};
const typeWord = (t: string): string => TYPE_WORDS[t] ?? t;

function preview(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return cur;
}

function listOf(options: readonly unknown[]): string {
  return options.map(String).join(', ');
}

/** Turns one zod issue into the problem — fix text (without the file/position/path prefix). */
function describeIssue(issue: z.ZodIssue, root: unknown, schema: z.ZodTypeAny): { message: string; asKey: boolean } {
  const value = valueAt(root, issue.path);
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.received === 'undefined') {
        const parent = issue.path.length > 1 ? formatPath(issue.path.slice(0, -1)) : '';
        return { message: `missing required key "${String(last)}" — add it${parent ? ` under ${parent}` : ' at the top level'}.`, asKey: false };
      }
      if (issue.received === 'null') {
        return { message: `has no value — write ${typeWord(issue.expected)} after the colon.`, asKey: false };
      }
      let fix = `change it to ${typeWord(issue.expected)}`;
      if (issue.expected === 'number' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) fix = 'write the number without quotes';
      else if (issue.expected === 'array') fix = `write it as a list, e.g. [${typeof value === 'string' ? value : '…'}]`;
      else if (issue.expected === 'string') fix = 'write it as text (put quotes around it if needed)';
      return { message: `expected ${typeWord(issue.expected)}, got ${preview(value)} — ${fix}.`, asKey: false };
    }
    case 'unrecognized_keys':
      return { message: '', asKey: true }; // expanded per key by the caller
    case 'invalid_enum_value': {
      const options = issue.options.map(String);
      // A record with an enum key (text per language) reports the KEY as the bad value.
      const isKey = typeof last === 'string' && last === String(issue.received);
      const what = isKey ? `unknown key "${String(issue.received)}"` : `${preview(issue.received)} is not allowed`;
      const hint = didYouMean(String(issue.received), options);
      return { message: `${what} — ${hint ? `did you mean "${hint}"? Use` : 'use'} one of: ${listOf(options)}.`, asKey: isKey };
    }
    case 'invalid_literal':
      return { message: `expected ${preview(issue.expected)}, got ${preview(value)} — write ${preview(issue.expected)}.`, asKey: false };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.type === 'array') return { message: `needs at least ${min} item${min === 1 ? '' : 's'} — add ${min === 1 ? 'one' : 'more'}.`, asKey: false };
      if (issue.type === 'string') return { message: `must not be empty — write at least ${min} character${min === 1 ? '' : 's'}.`, asKey: false };
      const op = issue.inclusive ? 'at least' : 'more than';
      return { message: `must be ${op} ${min}, got ${preview(value)} — use a larger value.`, asKey: false };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.type === 'array') return { message: `has more than ${max} items — remove some.`, asKey: false };
      if (issue.type === 'string') return { message: `is longer than ${max} characters — shorten it.`, asKey: false };
      const op = issue.inclusive ? 'at most' : 'less than';
      return { message: `must be ${op} ${max}, got ${preview(value)} — use a smaller value.`, asKey: false };
    }
    case 'invalid_string': {
      if (issue.validation === 'url') return { message: `${preview(value)} is not a valid URL — write a full URL such as https://status.example.org.`, asKey: false };
      if (issue.validation === 'datetime') return { message: `${preview(value)} is not a date-time with offset — write it like 2025-11-04T15:30:00+01:00.`, asKey: false };
      const fix = issue.message && issue.message !== 'Invalid' ? issue.message : `match the format ${String(issue.validation)}`;
      return { message: `${preview(value)} is not valid — ${fix}.`, asKey: false };
    }
    case 'invalid_union': {
      const expected = issue.unionErrors.flatMap((e) => e.issues.filter((i) => i.path.length === issue.path.length && i.code === 'invalid_type').map((i) => (i as z.ZodInvalidTypeIssue).expected));
      if (expected.length === issue.unionErrors.length) {
        const words = expected.map(typeWord).join(' or ');
        return { message: `expected ${words}, got ${preview(value)} — change it to ${words}.`, asKey: false };
      }
      // One option matched the shape: report its first issue, which is the useful one.
      const best = [...issue.unionErrors].sort((a, b) => a.issues.length - b.issues.length)[0]?.issues[0];
      return best ? describeIssue(best, root, schema) : { message: `is not valid — ${issue.message}.`, asKey: false };
    }
    case 'custom':
      return { message: issue.message, asKey: false };
    default:
      return { message: `${issue.message} — fix this value.`, asKey: false };
  }
}

/** Every zod issue as ONE line `file:line:col: path: problem — fix`, in source order. */
export function friendlyIssues(issues: readonly z.ZodIssue[], file: string, yaml: ParsedYaml, schema: z.ZodTypeAny): string[] {
  const out: { pos: Position; line: string }[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const hint = didYouMean(key, allowed);
        const fix = hint ? `did you mean "${hint}"? Remove it or use one of: ${listOf(allowed)}.` : `remove it or use one of: ${listOf(allowed)}.`;
        const pos = yaml.locate(path, true);
        out.push({ pos, line: errorLine(file, pos, path, `unknown key "${key}" — ${fix}`) });
      }
      continue;
    }
    // An issue inside a union reports the path of the inner issue.
    const { message, asKey } = describeIssue(issue, yaml.value, schema);
    const pos = yaml.locate(issue.path, asKey);
    out.push({ pos, line: errorLine(file, pos, issue.path, message) });
  }
  out.sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
  return [...new Set(out.map((o) => o.line))];
}
