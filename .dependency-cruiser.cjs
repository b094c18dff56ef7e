/** Enforces the dependency direction of ARCHITECTURE.md §1: protocol ← rules ← server; protocol, rules ← widget;
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
      name: 'domain-not-adapters',
      severity: 'error',
      from: { path: '^packages/server/src/domain/' },
      to: { path: '^packages/server/src/(adapters|transport)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
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
