// Rewrites the survivor tables of docs/mutation.md from a Stryker JSON report (the merged incremental file or
// .stryker-tmp/mutation.json): one table per file, one row per survived or uncovered mutant, keeping the reason
// already written for the same file, mutator, original and replacement (line numbers move when code changes);
// a mutant without one gets "Not analysed yet". Also rewrites the per-file figures table.
//   node stryker.survivors.mjs .stryker-tmp/mutation.json docs/mutation.md
import { readFileSync, writeFileSync } from 'node:fs';

const [reportPath, docPath] = process.argv.slice(2);
if (!reportPath || !docPath) {
  console.error('usage: node stryker.survivors.mjs <stryker json report> <docs/mutation.md>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const doc = readFileSync(docPath, 'utf8');
const NOT_ANALYSED = 'Not analysed yet: no reason established (see "What is not done").';

const START = '## The survivors and why each is harmless';
const END = '## What is not done';
const head = doc.slice(0, doc.indexOf(START));
const survivors = doc.slice(doc.indexOf(START), doc.indexOf(END));
const tail = doc.slice(doc.indexOf(END));
const intro = survivors.slice(0, survivors.indexOf('\n### '));

/** A mutant's text as the tables write it: a block as "{ …", else on one line and at most 70 characters; pipes escaped. */
const cell = (text) => {
  const shown = text.includes('\n') && text.startsWith('{') ? '{ …' : text.replace(/\s+/g, ' ').slice(0, 70);
  return shown.replace(/\|/g, '\\|');
};

// Reasons written so far, by file and mutant (without the line); several per key in line order.
const reasons = new Map();
let file = '';
for (const line of survivors.split('\n')) {
  const h = /^### `(.+)`$/.exec(line);
  if (h) file = h[1];
  const row = /^\| \d+ \| (.+?) \| (.+) \|$/.exec(line);
  if (!row || row[2] === NOT_ANALYSED) continue;
  const key = `${file}|${row[1]}`;
  if (!reasons.has(key)) reasons.set(key, []);
  reasons.get(key).push(row[2]);
}

const counts = (mutants) => {
  const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
  for (const m of mutants) if (m.status in c) c[m.status]++;
  return c;
};
const score = (c) => {
  const valid = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  return valid === 0 ? '—' : `${(((c.Killed + c.Timeout) / valid) * 100).toFixed(1)} %`;
};
const row = (name, c) => `| ${name} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} | ${score(c)} |`;

const files = Object.keys(report.files).sort();
const sections = [];
let analysed = 0;
let open = 0;
for (const f of files) {
  const { source, mutants } = report.files[f];
  const lines = source.split('\n');
  const textAt = (loc) => {
    if (loc.start.line === loc.end.line) return lines[loc.start.line - 1].slice(loc.start.column - 1, loc.end.column - 1);
    return [lines[loc.start.line - 1].slice(loc.start.column - 1), ...lines.slice(loc.start.line, loc.end.line - 1), lines[loc.end.line - 1].slice(0, loc.end.column - 1)].join('\n');
  };
  const left = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  if (left.length === 0) continue;
  const used = new Map();
  const body = left.map((m) => {
    const what = `${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}: \`${cell(textAt(m.location))}\` → \`${cell(m.replacement ?? '')}\``;
    const key = `${f}|${what}`;
    const known = reasons.get(key) ?? reasons.get(`${f}|${what.replace(' (no coverage)', '')}`) ?? [];
    const k = used.get(key) ?? 0;
    used.set(key, k + 1);
    const reason = known[Math.min(k, known.length - 1)] ?? NOT_ANALYSED;
    if (reason === NOT_ANALYSED) open++;
    else analysed++;
    return `| ${m.location.start.line} | ${what} | ${reason} |`;
  });
  sections.push(`### \`${f}\`\n\n| line | mutant | why it is harmless |\n|---|---|---|\n${body.join('\n')}\n`);
}

// The per-file figures table inside <details>.
const perFile = files.map((f) => row(`\`${f}\``, counts(report.files[f].mutants))).join('\n');
const newHead = head.replace(/(<summary>per file<\/summary>\n\n\| file \|[^\n]*\n\|[^\n]*\n)(?:\|[^\n]*\n)+/, `$1${perFile}\n`);

writeFileSync(docPath, `${newHead}${intro}\n\n${sections.join('\n')}\n${tail}`);
const all = counts(files.flatMap((f) => report.files[f].mutants));
console.log(`${docPath}: ${files.length} files, score ${score(all)}; survivors with a reason ${analysed}, not analysed ${open}`);
