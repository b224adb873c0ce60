// `pnpm run docs`: the API reference of every public package, in docs/api (git-ignored). It fails on
// an undocumented public member or a broken {@link}. (Bare `pnpm docs` is pnpm's own command.)

const publicPackages = ['core', 'udp', 'stream', 'websocket', 'webrtc', 'dtls', 'enet', 'scene', 'cli'];

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
  treatValidationWarningsAsErrors: true,
};
