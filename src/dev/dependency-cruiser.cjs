// The architecture's arrows, checked by dependency-cruiser in `npm test` (`npm run lint:deps`).
// tsc -b already refuses an import of a module a project does not reference; this also refuses
// what project references let through (a module reached through another, e.g. ui → worker →
// engine), file cycles, and production code that imports tests. README "Architecture" draws it.
const allowed = {
  model: [],
  engine: ['model'],
  telemetry: ['model'],
  worker: ['model', 'engine', 'telemetry'],
  export: ['model'],
  ui: ['model', 'telemetry', 'worker', 'export'],
  cli: ['model', 'engine', 'export'],
  bench: ['model', 'engine', 'cli', 'export'],
};
const modules = Object.keys(allowed);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...modules.map((m) => ({
      name: `${m}-arrows`,
      comment: `src/${m} may import only ${allowed[m].length ? allowed[m].map((a) => `src/${a}`).join(', ') : 'nothing else in src'} (and packages)`,
      severity: 'error',
      from: { path: `^src/${m}/`, pathNot: '\\.test\\.tsx?$|/test-support/' },
      to: { path: '^src/', pathNot: [`^src/${m}/`, ...allowed[m].map((a) => `^src/${a}/`)] },
    })),
    {
      name: 'no-engine-in-worker-free-modules',
      comment: 'Only the worker, the command line and the benchmarks run the engine (tests may too)',
      severity: 'error',
      from: { path: '^src/(ui|export|telemetry|model)/', pathNot: '\\.test\\.tsx?$|/test-support/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'no-cycles',
      comment: 'A file cycle makes both files one unit; break it with a file that both import',
      severity: 'error',
      from: { path: '^src/' },
      // Type-only imports are erased: a zustand slice naming the store's type (the slices pattern)
      // makes no runtime cycle.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-tests-in-production',
      comment: 'Production code never imports tests or test support',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$|/test-support/' },
      to: { path: '\\.test\\.tsx?$|/test-support/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/dev/|__golden__' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
