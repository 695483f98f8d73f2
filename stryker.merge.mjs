#!/usr/bin/env node
// Merges Stryker incremental files (docs/mutation.md): node stryker.merge.mjs out.json part1.json part2.json ...
// the union of their `files` and `testFiles`; tests are identified by test file + name (one id each in the merged
// report), mutant ids are made unique per report; killedBy / coveredBy are mapped to the merged test ids.
import fs from 'node:fs';
const [out, ...ins] = process.argv.slice(2);
let merged = null;
const idOf = new Map(); // `${file}\u0000${name}` -> merged id
let nextTest = 0;
ins.forEach((p, r) => {
  const rep = JSON.parse(fs.readFileSync(p, 'utf8'));
  if (merged === null) merged = { ...rep, files: {}, testFiles: {} };
  const map = new Map(); // this report's test id -> merged id
  for (const [file, tf] of Object.entries(rep.testFiles ?? {})) {
    // A later part saw the newer test file: its source is the one the next run compares with.
    const into = (merged.testFiles[file] = { ...tf, tests: merged.testFiles[file]?.tests ?? [] });
    for (const t of tf.tests) {
      const key = `${file}\u0000${t.name}`;
      let id = idOf.get(key);
      if (id === undefined) {
        id = String(nextTest++);
        idOf.set(key, id);
        into.tests.push({ ...t, id });
      }
      map.set(t.id, id);
    }
  }
  for (const [file, f] of Object.entries(rep.files)) {
    if (merged.files[file] !== undefined) console.error(`warning: ${file} in more than one report; the later one (${p}) wins`);
    merged.files[file] = {
      ...f,
      mutants: f.mutants.map((m) => ({
        ...m,
        id: `${r}-${m.id}`,
        ...(m.killedBy ? { killedBy: m.killedBy.map((t) => map.get(t) ?? t) } : {}),
        ...(m.coveredBy ? { coveredBy: m.coveredBy.map((t) => map.get(t) ?? t) } : {}),
      })),
    };
  }
});
fs.writeFileSync(out, JSON.stringify(merged));
console.log(`${Object.keys(merged.files).length} files, ${Object.keys(merged.testFiles).length} test files, ${nextTest} tests`);
