export {
  TemplateError,
  TemplateSet,
  formatGoNumber,
  isTruthy,
  type RenderContext,
} from './go-template.js';
export {
  findManifest,
  loadChart,
  mergeValues,
  renderChart,
  type ChartMetadata,
  type LoadedChart,
  type Manifest,
  type RenderOptions,
  type RenderedChart,
  type RenderedManifest,
} from './helm-chart.js';
export {
  DockerfileError,
  copySources,
  effectiveUser,
  isPinnedImage,
  isRootUser,
  parseDockerfile,
  stageByName,
  type Dockerfile,
  type Instruction,
  type Stage,
} from './dockerfile.js';
export { isIgnored, parseDockerignore, type IgnoreRule } from './dockerignore.js';
export { parseUnitFile, unitValue, type UnitFile } from './systemd-unit.js';
