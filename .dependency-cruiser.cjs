/** Enforces the dependency direction: protocol ← rules ← server; protocol, rules ← widget;
 * protocol ← console; test-kit only from tests, bench and e2e; no client imports server; no cycles. */
const pkg = (name) => `^packages/${name}/`;
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'protocol-is-a-leaf',
      severity: 'error',
      from: { path: pkg('protocol') },
      to: { path: '^packages/(?!protocol/)' },
    },
    {
      name: 'rules-only-protocol',
      severity: 'error',
      from: { path: pkg('rules'), pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/(server|widget|console|test-kit)/' },
    },
    {
      name: 'clients-never-import-server',
      severity: 'error',
      from: { path: '^packages/(widget|console)/' },
      to: { path: '^packages/(server|test-kit)/' },
    },
    {
      name: 'console-not-rules',
      severity: 'error',
      from: { path: pkg('console') },
      to: { path: pkg('rules') },
    },
    {
      name: 'test-kit-only-from-tests',
      severity: 'error',
      from: {
        path: '^packages/',
        pathNot: [
          '\\.(test|contract)\\.ts$',
          '^packages/[^/]+/test/',
          '^packages/[^/]+/test-scale/',
          '^packages/test-kit/',
        ],
      },
      to: { path: pkg('test-kit') },
    },
    {
      name: 'test-kit-not-server',
      severity: 'error',
      from: { path: pkg('test-kit') },
      to: { path: '^packages/(server|widget|console)/' },
    },
    {
      name: 'no-cycles-between-domain-folders',
      comment: 'Domain concepts depend one way; two that react to each other talk through DomainEvents.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^packages/server/src/domain/[^/]+$' },
      to: { path: '^packages/server/src/domain/[^/]+$', circular: true },
    },
    {
      name: 'adapters-only-from-composition-root',
      comment: 'Only app.ts and the composition modules pick adapters; everything else sees ports.',
      severity: 'error',
      from: {
        path: '^packages/server/src/',
        pathNot: ['^packages/server/src/(app\\.ts|composition/|adapters/)', '\\.(test|contract)\\.ts$'],
      },
      to: { path: '^packages/server/src/adapters/' },
    },
    {
      name: 'no-drivers-outside-adapters',
      comment:
        "Database, Redis and mail drivers are adapters' business: transport, application and domain use ports.",
      severity: 'error',
      from: { path: '^packages/server/src/(transport|application|domain)/' },
      to: { path: '(^|/)node_modules/(@types/)?(pg|ioredis|better-sqlite3|kysely|nodemailer)/' },
    },
    {
      name: 'domain-not-application',
      comment: 'Use cases call the domain, never the other way round; transport calls use cases.',
      severity: 'error',
      from: { path: '^packages/server/src/domain/' },
      to: { path: '^packages/server/src/application/' },
    },
    {
      name: 'application-not-transport',
      severity: 'error',
      from: { path: '^packages/server/src/application/' },
      to: { path: '^packages/server/src/(transport|adapters)/' },
    },
    {
      name: 'domain-not-adapters',
      severity: 'error',
      from: { path: '^packages/server/src/domain/' },
      to: { path: '^packages/server/src/(adapters|transport)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stays in the graph (not followed) so the driver rule sees what imports a driver.
    exclude: { path: ['^packages/[^/]+/dist/', '^dist/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
    preserveSymlinks: false,
  },
};
