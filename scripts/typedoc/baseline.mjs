// Rewrites docs/api-undocumented.json from a TypeDoc run with an empty list: the members that
// still have no documentation. Run it only to shrink the list after documenting members.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const path = new URL('../../docs/api-undocumented.json', import.meta.url);
writeFileSync(path, '[]\n');
const run = spawnSync('npx', ['typedoc', '--emit', 'none'], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (run.error) throw run.error;
const output = `${run.stdout}${run.stderr}`;
// eslint-disable-next-line no-control-regex
const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
const names = [...plain.matchAll(/^\[warning\] (\S+) \([A-Za-z]+\), defined in .* does not have any documentation$/gm)].map((m) => m[1]);
const unique = [...new Set(names)].sort();
writeFileSync(path, `${JSON.stringify(unique, null, 2)}\n`);
console.log(`${unique.length} undocumented members listed in docs/api-undocumented.json`);
