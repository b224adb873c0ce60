#!/usr/bin/env node
// Checks the promises every published package makes: LICENSE in the tarball, the metadata npm
// shows, the package.json shape of conventions.md §12, and that `changeset version` gives every
// public package its first-release version (and private ones nothing). Run by `pnpm lint`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIRST_RELEASE = '0.1.0';
const UNRELEASED = '0.0.0';
const problems = [];
const problem = (dir, text) => problems.push(`${dir}: ${text}`);

function workspaceDirs() {
  const dirs = [];
  for (const parent of ['packages', 'examples']) {
    for (const name of readdirSync(join(ROOT, parent))) {
      if (existsSync(join(ROOT, parent, name, 'package.json'))) dirs.push(`${parent}/${name}`);
    }
  }
  dirs.push('bench');
  return dirs;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
const dirs = workspaceDirs();
const manifests = new Map(dirs.map((dir) => [dir, readJson(join(ROOT, dir, 'package.json'))]));

function checkExports(dir, exports) {
  if (!exports || typeof exports !== 'object') return problem(dir, 'no "exports" map');
  if (exports['./package.json'] !== './package.json') problem(dir, 'exports lacks "./package.json"');
  const walk = (path, entry) => {
    if (typeof entry === 'string' || entry === null) return;
    const keys = Object.keys(entry);
    if (keys.includes('types') && keys[0] !== 'types') {
      problem(dir, `exports ${path}: "types" must come first in each condition`);
    }
    for (const key of keys) walk(`${path}.${key}`, entry[key]);
  };
  for (const [subpath, entry] of Object.entries(exports)) walk(subpath, entry);
}

function checkPublic(dir, pkg) {
  const need = (ok, text) => ok || problem(dir, text);
  need(pkg.license === 'MIT', 'license must be "MIT"');
  need(typeof pkg.author === 'string' && pkg.author.length > 0, 'no "author"');
  need(pkg.repository?.directory === dir && typeof pkg.repository?.url === 'string', `"repository" must name the repo and directory "${dir}"`);
  need(typeof pkg.homepage === 'string', 'no "homepage"');
  need(typeof pkg.bugs?.url === 'string', 'no "bugs.url"');
  need(pkg.type === 'module', '"type" must be "module"');
  need(pkg.sideEffects === false, '"sideEffects" must be false');
  need(typeof pkg.engines?.node === 'string', 'no "engines.node"');
  need(Array.isArray(pkg.files) && pkg.files.includes('dist') && pkg.files.includes('LICENSE'), '"files" must list dist and LICENSE');
  need(existsSync(join(ROOT, dir, 'LICENSE')) && readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8') === license, 'LICENSE missing or different from the root LICENSE');
  need(String(pkg.scripts?.lint).includes('attw --pack . --profile esm-only'), 'lint script must run attw with the ESM-only profile');
  need(String(pkg.scripts?.lint).includes('publint'), 'lint script must run publint');
  const readme = existsSync(join(ROOT, dir, 'README.md')) ? readFileSync(join(ROOT, dir, 'README.md'), 'utf8') : '';
  need(/not yet published/i.test(readme), 'README must say the package is not yet published on npm and how to use it today');
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (name.startsWith('@pp/') && range !== 'workspace:^') problem(dir, `internal dependency ${name} must be "workspace:^"`);
  }
  checkExports(dir, pkg.exports);
}

for (const [dir, pkg] of manifests) {
  if (pkg.private === true) {
    if (existsSync(join(ROOT, dir, 'CHANGELOG.md'))) problem(dir, 'a private package must have no CHANGELOG.md');
  } else {
    checkPublic(dir, pkg);
  }
}

// Each changeset's summary, with the packages it names.
function changesets() {
  const dir = join(ROOT, '.changeset');
  return readdirSync(dir).filter((file) => file.endsWith('.md') && file !== 'README.md').map((file) => {
    const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(dir, file), 'utf8')) ?? [];
    const names = [...front.matchAll(/^["']?([^"':]+)["']?\s*:/gm)].map((m) => m[1].trim());
    return { file, names, firstLine: body.trim().split('\n')[0]?.trim() ?? '' };
  });
}

// A sensible CHANGELOG: the package's title, one 0.1.0 section, and every changeset naming it.
function checkChangelog(dir, name, text) {
  if (!text.startsWith(`# ${name}\n`)) problem(dir, `CHANGELOG.md does not start with "# ${name}"`);
  const sections = text.match(/^## .*$/gm) ?? [];
  if (sections.length !== 1 || sections[0] !== `## ${FIRST_RELEASE}`) problem(dir, `CHANGELOG.md has sections ${sections.join(', ')}, expected only "## ${FIRST_RELEASE}"`);
  for (const change of changesets()) {
    if (change.names.includes(name) && !text.includes(change.firstLine)) problem(dir, `CHANGELOG.md lacks .changeset/${change.file}`);
  }
}

// `changeset version`, dry: run it on a copy of the manifests and changesets, then read the result.
function dryRunVersion() {
  const scratch = mkdtempSync(join(tmpdir(), 'pp-changeset-'));
  try {
    for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset']) cpSync(join(ROOT, file), join(scratch, file), { recursive: true });
    for (const dir of dirs) cpSync(join(ROOT, dir, 'package.json'), join(scratch, dir, 'package.json'));
    execFileSync(join(ROOT, 'node_modules/.bin/changeset'), ['version'], { cwd: scratch, stdio: 'pipe' });
    for (const [dir, before] of manifests) {
      const after = readJson(join(scratch, dir, 'package.json'));
      const changelog = existsSync(join(scratch, dir, 'CHANGELOG.md'));
      if (before.private === true) {
        if (after.version !== before.version) problem(dir, `changeset version changes a private package's version (${before.version} → ${after.version})`);
        if (changelog) problem(dir, 'changeset version writes a CHANGELOG for a private package');
      } else if (before.version === UNRELEASED) {
        if (after.version !== FIRST_RELEASE) problem(dir, `changeset version gives ${after.version}, the first release must be ${FIRST_RELEASE} (add a "minor" changeset)`);
        if (!changelog) problem(dir, 'changeset version writes no CHANGELOG');
        else checkChangelog(dir, before.name, readFileSync(join(scratch, dir, 'CHANGELOG.md'), 'utf8'));
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
dryRunVersion();

if (problems.length > 0) {
  console.error(`check-packages: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-packages: ${[...manifests.values()].filter((p) => !p.private).length} public and ${[...manifests.values()].filter((p) => p.private).length} private packages are in shape; changeset version gives every public package ${FIRST_RELEASE}`);
