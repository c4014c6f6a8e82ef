// Layer order, checked by `npm test` (tools/scripts/test.mjs): libs ← config ← platform ←
// modules ← gateway ← app.module/main. Each rule forbids an import that points backwards.
// Specs and test-support wire whatever they test, so they are not cruised.
const central = '^apps/central/src';
const notTest = '(\\.spec|\\.int-spec|\\.e2e-spec)\\.ts$|/test-support/';

module.exports = {
  forbidden: [
    {
      name: 'libs-not-to-apps',
      comment: 'libs are shared by every app: they never import one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: ['^apps/', '^@printbeat/(central|agent|portal)($|/)'] },
    },
    {
      name: 'config-not-to-app-layers',
      comment: 'config/ is parsed first, at boot: it imports no platform, module or gateway code.',
      severity: 'error',
      from: { path: `${central}/config/` },
      to: { path: `${central}/(platform|modules|gateway)/` },
    },
    {
      name: 'platform-not-to-features',
      comment:
        'platform/ is cross-cutting infrastructure: feature modules and the gateway build on it, never the reverse.',
      severity: 'error',
      from: { path: `${central}/platform/` },
      to: { path: `${central}/(modules|gateway|app\\.module|main)` },
    },
    {
      name: 'modules-not-to-gateway',
      comment: 'The agent gateway is a transport over the modules: modules never import it.',
      severity: 'error',
      from: { path: `${central}/modules/` },
      to: { path: `${central}/(gateway|app\\.module|main)` },
    },
    {
      name: 'no-module-folder-cycles',
      comment: 'Feature modules form a graph without cycles (modules/A → modules/B → modules/A).',
      severity: 'error',
      scope: 'folder',
      from: { path: `${central}/modules/[^/]+$` },
      to: { circular: true },
    },
  ],
  options: {
    exclude: { path: [notTest, 'node_modules', '/dist/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
