// ESLint flat config. The import rule of ARCHITECTURE.md is enforced here (and by the per-folder
// tsconfigs): shared imports neither side, main and renderer never import each other, only the
// preload touches ipcRenderer. Every message says what to do instead.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Bare builtin names are matched exactly (as `paths`), so our own `shared/util/` is not mistaken
// for Node's `util`; `node:*` and `fs/*` are patterns.
const nodeBuiltinNames = [
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'url',
  'module',
  'stream',
  'events',
  'util',
];
const nodeBuiltins = ['node:*', 'fs/*'];
const builtinPaths = (message) => nodeBuiltinNames.map((name) => ({ name, message }));
const SHARED_NODE_MESSAGE =
  'shared/ is pure TypeScript and runs in the renderer too: take the data as a parameter and do the I/O in main/.';
const RENDERER_NODE_MESSAGE = 'renderer/ has no Node: ask the main process through the host API.';

const sharedRestrictions = {
  paths: builtinPaths(SHARED_NODE_MESSAGE),
  patterns: [
    {
      group: nodeBuiltins,
      message:
        'shared/ is pure TypeScript and runs in the renderer too: take the data as a parameter and do the I/O in main/.',
    },
    {
      group: ['electron', 'electron/*'],
      message: 'shared/ knows nothing of Electron: put Electron code in main/electron/.',
    },
    {
      group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'chart.js', 'zustand', 'zustand/*'],
      message: 'shared/ has no UI: put UI code in renderer/.',
    },
    {
      group: ['**/main/**', '../main', '../../main'],
      message: 'shared/ must not import main/: move the common code into shared/.',
    },
    {
      group: ['**/renderer/**', '../renderer', '../../renderer'],
      message: 'shared/ must not import renderer/: move the common code into shared/.',
    },
  ],
};

// Inside shared/, layers: util <- models <- document <- sim <- ipc (ARCHITECTURE.md). A layer
// imports only the layers to its left; tests and test-support/ may reach further.
const SHARED_LAYERS = ['util', 'models', 'document', 'sim', 'ipc'];
const layerMessage = (layer, allowed) =>
  `shared/'s layers are util <- models <- document <- sim <- ipc: ${layer}/ may import ${
    allowed.length === 0 ? 'nothing else in shared/' : allowed.map((l) => `${l}/`).join(', ')
  } only. Move the code to the lowest layer that needs it.`;
const sharedLayerConfigs = SHARED_LAYERS.map((layer, i) => {
  const above = SHARED_LAYERS.slice(i + 1);
  return {
    files: [`shared/${layer}/**/*.ts`],
    ignores: ['shared/**/*.test.ts', 'shared/**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...sharedRestrictions,
          patterns: [
            ...sharedRestrictions.patterns,
            ...(above.length === 0
              ? []
              : [
                  {
                    group: above.flatMap((l) => [`**/${l}`, `**/${l}/**`]),
                    message: layerMessage(layer, SHARED_LAYERS.slice(0, i)),
                  },
                ]),
          ],
        },
      ],
    },
  };
});

const rendererRestrictions = {
  paths: builtinPaths(RENDERER_NODE_MESSAGE),
  patterns: [
    {
      group: ['**/main/**', '../main', '../../main', '../../../main'],
      message:
        'renderer/ reaches main only through the host API (renderer/src/run/hostClient.ts and shared/ipc).',
    },
    {
      group: ['electron', 'electron/*'],
      message:
        'renderer/ never touches Electron: use the host API (window.neurosketch via hostClient).',
    },
    { group: nodeBuiltins, message: RENDERER_NODE_MESSAGE },
  ],
};

// Inside renderer/src, folders by feature in layers (ARCHITECTURE.md, each folder's README):
// ui <- document <- run <- files|learn <- charts|inspector <- canvas <- app. A folder imports only
// the layers to its left, never a neighbour of its own layer, so no arrow runs back up and features
// stay apart; tests may reach further, main.tsx and styles.css (at src/) wire everything.
// Patterns are the sibling paths a file one or two folders deep writes (`../run/x`, `../../run/x`),
// so `../../../shared/document/...` is not mistaken for the renderer's document/.
const RENDERER_LAYERS = [
  ['ui'],
  ['document'],
  ['run'],
  ['files', 'learn'],
  ['charts', 'inspector'],
  ['canvas'],
  ['app'],
];
const RENDERER_ORDER = RENDERER_LAYERS.map((layer) => layer.join('|')).join(' <- ');
const rendererLayerMessage = (folder, allowed) =>
  `renderer/src's folders are ${RENDERER_ORDER}: ${folder}/ may import ${
    allowed.length === 0 ? 'no other renderer folder' : allowed.map((f) => `${f}/`).join(', ')
  } (and shared/) only. Move the piece both need down to the lowest folder that needs it, or hand it in from above (props, context).`;
const rendererLayerConfigs = RENDERER_LAYERS.flatMap((layer, i) =>
  layer.map((folder) => {
    const allowed = RENDERER_LAYERS.slice(0, i).flat();
    const refused = RENDERER_LAYERS.slice(i)
      .flat()
      .filter((f) => f !== folder);
    return {
      files: [`renderer/src/${folder}/**/*.{ts,tsx}`],
      ignores: ['renderer/**/*.test.{ts,tsx}'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            ...rendererRestrictions,
            patterns: [
              ...rendererRestrictions.patterns,
              ...(refused.length === 0
                ? []
                : [
                    {
                      group: refused.flatMap((f) => [
                        `../${f}`,
                        `../${f}/**`,
                        `../../${f}`,
                        `../../${f}/**`,
                      ]),
                      message: rendererLayerMessage(folder, allowed),
                    },
                  ]),
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      '.scratch/**',
      '**/__fixtures__/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'Remove .only before committing.',
        },
        {
          selector:
            "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]",
          message: 'Do not commit skipped tests: fix or delete them.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/test-support/**'],
    rules: { 'no-restricted-imports': ['error', sharedRestrictions] },
  },
  ...sharedLayerConfigs,
  {
    files: ['shared/sim/**/*.ts', 'shared/models/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message:
            'Randomness comes from the seeded generator passed in (shared/util/random), so runs are reproducible.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'The simulator never reads the wall clock: the host measures time.',
        },
        {
          object: 'performance',
          property: 'now',
          message: 'The simulator never reads the wall clock: the host measures time.',
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'Date',
          message: 'The simulator never reads the wall clock: the host measures time.',
        },
        { name: 'setTimeout', message: 'No timers in the simulator: the host schedules chunks.' },
        { name: 'setInterval', message: 'No timers in the simulator: the host schedules chunks.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '../renderer', '../../renderer'],
              message:
                'main/ must not import renderer/: share through shared/ (the host API contract).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/preload.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'ipcRenderer',
          property: 'invoke',
          message: 'Only the preload talks to ipcRenderer.',
        },
      ],
    },
  },
  {
    files: ['main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/*', '!**/shared/ipc', '**/shared/*/**', '!**/shared/ipc/**'],
              message: 'The preload may import only the host API contract (shared/ipc).',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'A sandboxed preload has no Node: expose host API methods instead.',
            },
            {
              group: ['**/services/**', '**/renderer/**'],
              message: 'The preload may import only the host API contract (shared/ipc).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererRestrictions],
    },
  },
  ...rendererLayerConfigs,
);
