import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { TemplateSet, type RenderContext } from './go-template.js';

export type ChartMetadata = {
  apiVersion: string;
  name: string;
  version: string;
  appVersion: string;
  [key: string]: unknown;
};

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

export type RenderedManifest = { source: string; manifest: Manifest };

export type RenderOptions = {
  values?: Record<string, unknown>;
  releaseName?: string;
  namespace?: string;
  isUpgrade?: boolean;
};

export type RenderedChart = {
  /** Rendered text per template file (files starting with `_` are helpers, not rendered). */
  files: Map<string, string>;
  manifests: RenderedManifest[];
  notes: string;
};

export type LoadedChart = {
  dir: string;
  chart: ChartMetadata;
  values: Record<string, unknown>;
  templates: TemplateSet;
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's values merge: maps merge key by key, anything else replaces, null deletes. */
export function mergeValues(
  base: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete merged[key];
    else if (isMap(value) && isMap(merged[key])) merged[key] = mergeValues(merged[key], value);
    else merged[key] = value;
  }
  return merged;
}

export function loadChart(dir: string): LoadedChart {
  const chart = parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as ChartMetadata;
  const values = (parse(readFileSync(join(dir, 'values.yaml'), 'utf8')) ?? {}) as Record<
    string,
    unknown
  >;
  const templates = new TemplateSet();
  const templateDir = join(dir, 'templates');
  for (const file of readdirSync(templateDir).sort()) {
    if (!/\.(ya?ml|tpl|txt)$/.test(file)) continue;
    templates.add(`${chart.name}/templates/${file}`, readFileSync(join(templateDir, file), 'utf8'));
  }
  return { dir, chart, values, templates };
}

/** `helm template` for the chart: render every template file and parse the YAML documents. */
export function renderChart(loaded: LoadedChart, options: RenderOptions = {}): RenderedChart {
  const context: RenderContext = {
    Values: mergeValues(loaded.values, options.values ?? {}),
    Release: {
      Name: options.releaseName ?? 'printbeat',
      Namespace: options.namespace ?? 'printbeat',
      Service: 'Helm',
      IsInstall: !options.isUpgrade,
      IsUpgrade: Boolean(options.isUpgrade),
    },
    Chart: {
      Name: loaded.chart.name,
      Version: loaded.chart.version,
      AppVersion: loaded.chart.appVersion,
    },
    Template: { BasePath: `${loaded.chart.name}/templates`, Name: '' },
  };
  const files = new Map<string, string>();
  const manifests: RenderedManifest[] = [];
  let notes = '';
  for (const name of loaded.templates.names()) {
    const file = basename(name);
    if (file.startsWith('_')) continue;
    const text = loaded.templates.render(name, context);
    files.set(name, text);
    if (file === 'NOTES.txt') {
      notes = text;
      continue;
    }
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) {
        throw new Error(
          `${name}: rendered YAML does not parse: ${document.errors.map((error) => error.message).join('; ')}\n${text}`,
        );
      }
      const manifest: unknown = document.toJS();
      if (manifest === null || manifest === undefined) continue;
      if (!isMap(manifest)) throw new Error(`${name}: a rendered document is not a mapping`);
      manifests.push({ source: name, manifest: manifest as Manifest });
    }
  }
  return { files, manifests, notes };
}

/** Finds exactly one manifest of a kind (and optional name suffix). */
export function findManifest(rendered: RenderedChart, kind: string, nameSuffix = ''): Manifest {
  const matches = rendered.manifests
    .map((entry) => entry.manifest)
    .filter((manifest) => manifest.kind === kind && manifest.metadata.name.endsWith(nameSuffix));
  if (matches.length !== 1) {
    throw new Error(
      `expected one ${kind}${nameSuffix ? ` named *${nameSuffix}` : ''}, found ${matches.length}`,
    );
  }
  return matches[0]!;
}
