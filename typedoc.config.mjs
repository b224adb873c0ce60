// `pnpm run docs`: the API reference of every public package, in docs/api (git-ignored). It fails on
// an undocumented public member. `docs/api-undocumented.json` lists the members that had no
// documentation when this check was introduced; TypeDoc fails on any member missing from it and
// on any entry that is documented by now, so the list can only shrink: document a member, then
// delete its line (`node scripts/typedoc/baseline.mjs` rewrites the list from a run's output).
import { readFileSync } from 'node:fs';

const publicPackages = ['core', 'udp', 'stream', 'websocket', 'webrtc', 'dtls', 'enet', 'scene', 'cli'];
const baseline = JSON.parse(readFileSync(new URL('./docs/api-undocumented.json', import.meta.url), 'utf8'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: '@pp API reference',
  tsconfig: 'tsconfig.docs.json',
  entryPoints: [
    ...publicPackages.map((name) => `packages/${name}/src/index.ts`),
    'packages/websocket/src/browser.ts',
    'packages/webrtc/src/browser.ts',
    'packages/scene/src/importer/index.ts',
  ],
  out: 'docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  plugin: ['./scripts/typedoc/accessor-docs.mjs'],
  validation: { notExported: false, invalidLink: true, notDocumented: true },
  packagesRequiringDocumentation: publicPackages.map((name) => `@pp/${name}`),
  intentionallyNotDocumented: baseline,
  treatValidationWarningsAsErrors: true,
};
