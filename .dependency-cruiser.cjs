/**
 * The layer rules of electron/core (DESIGN.md "Layers"), checked by `npm run lint`. Lowest first:
 *
 *   model/ (+ errors.ts)  types, statistics, tensors, progress and cancellation, trace columns, units
 *   contract declarations api/{index,jobs,worker-protocol,parse-message,operations,timeline-operations}.ts: zod
 *                         schemas and types only, so every layer can type the jobs it runs by them
 *   onnx/                 reading, writing and analysing ONNX graphs
 *   precision/ importers/ pipeline/   side by side, none imports another
 *   analysis/ backends/   side by side, neither imports the other
 *   profiling/            jobs that run things: profile, accuracy, sensitivity, inspect-by-execution
 *   jobs/                 the job runner and manager, directly above profiling
 *   report/
 *   api/ (the rest)       the contract's handlers and adapters
 *   server/
 *
 * A folder imports only folders below it. A rule that is in the way is changed here, in the open.
 */
const CORE = '^electron/core/';
/** The files of api/ that declare (schemas and types) rather than handle. */
const DECLARATIONS = '(index|jobs|worker-protocol|parse-message|operations|timeline-operations)';

/** Lowest first; a layer may import every layer before it. Folders in one entry are side by side. */
const LAYERS = [
  { name: 'model', paths: ['model/', 'errors\\.ts$'] },
  {
    // The contract's declarations sit low (they import model/ alone) so that profiling/ and jobs/ can
    // take their job requests and give their results in the contract's own types.
    name: 'contract-declarations',
    paths: [`api/${DECLARATIONS}\\.ts$`],
  },
  { name: 'onnx', paths: ['onnx/'] },
  { name: 'precision', paths: ['precision/'], sideBySide: 'inputs' },
  { name: 'importers', paths: ['importers/'], sideBySide: 'inputs' },
  { name: 'pipeline', paths: ['pipeline/'], sideBySide: 'inputs' },
  { name: 'analysis', paths: ['analysis/'], sideBySide: 'engines' },
  { name: 'backends', paths: ['backends/'], sideBySide: 'engines' },
  { name: 'profiling', paths: ['profiling/'] },
  { name: 'jobs', paths: ['jobs/'] },
  { name: 'report', paths: ['report/'] },
  { name: 'api', paths: [`api/(?!${DECLARATIONS}\\.ts$)`] },
  { name: 'server', paths: ['server/'] },
];

const pathsOf = (layers) => `${CORE}(${layers.flatMap((l) => l.paths).join('|')})`;

/** One rule per layer: it imports nothing above it, and nothing beside it. */
const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1);
  const beside = LAYERS.filter((l) => l !== layer && l.sideBySide && l.sideBySide === layer.sideBySide);
  const rules = [];
  if (above.length > 0)
    rules.push({
      name: `${layer.name}-imports-only-below`,
      comment:
        index === 0
          ? 'model/ (with errors.ts) is the lowest layer: it imports nothing else of core'
          : `${layer.name} imports only the layers below it (${LAYERS.slice(0, index)
              .map((l) => l.name)
              .join(', ')})`,
      severity: 'error',
      from: { path: pathsOf([layer]) },
      to: { path: pathsOf([...above, ...beside]) },
    });
  return rules;
});

module.exports = {
  forbidden: [
    {
      name: 'core-not-front-ends',
      comment: 'core is the same for every front end: it never imports Electron, the renderer or a front end',
      severity: 'error',
      from: { path: CORE },
      to: {
        path: ['^renderer/', '^electron/(main|cli|preload|worker)/', '(^|/)node_modules/electron/'],
      },
    },
    {
      name: 'core-folders-are-layers',
      comment: 'every file of core sits in a layer of the table above (add a new folder to LAYERS)',
      severity: 'error',
      from: { path: CORE, pathNot: pathsOf(LAYERS) },
      to: {},
    },
    ...layerRules,
    {
      name: 'renderer-uses-model-and-contract',
      comment:
        'the renderer shows what core computed: of core it imports the model types and the contract only',
      severity: 'error',
      from: { path: '^renderer/' },
      to: {
        path: ['^electron/', '(^|/)node_modules/electron/'],
        pathNot: '^electron/core/(model|api)/',
      },
    },
    {
      name: 'no-circular',
      comment: 'no cycles: each one is a layer rule broken somewhere along it',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing is a typo or a missing package',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^native/build/' },
    // Type-only imports count: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
