import { TemplateSet, formatGoNumber, type RenderContext } from './go-template.js';

const context = (values: Record<string, unknown>): RenderContext => ({
  Values: values,
  Release: { Name: 'acme', Namespace: 'prod', Service: 'Helm', IsInstall: true, IsUpgrade: false },
  Chart: { Name: 'printbeat', Version: '1.2.3', AppVersion: '0.9.0' },
  Template: { BasePath: 'printbeat/templates', Name: '' },
});

function render(source: string, values: Record<string, unknown> = {}, helpers = ''): string {
  const set = new TemplateSet();
  if (helpers) set.add('printbeat/templates/_helpers.tpl', helpers);
  set.add('printbeat/templates/t.yaml', source);
  return set.render('printbeat/templates/t.yaml', context(values));
}

describe('Go template subset', () => {
  it('prints fields and applies {{- -}} trimming like text/template', () => {
    expect(render('a: {{ .Values.x }}\nb:   {{- .Release.Name -}}  \n  c', { x: 'one' })).toBe(
      'a: one\nb:acmec',
    );
  });

  it('keeps whitespace on the untrimmed side of an action', () => {
    expect(render('x\n  {{- if .Values.on }}\n  on: yes\n  {{- end }}\nz', { on: true })).toBe(
      'x\n  on: yes\nz',
    );
    expect(render('x\n  {{- if .Values.on }}\n  on: yes\n  {{- end }}\nz', { on: false })).toBe(
      'x\nz',
    );
  });

  it('evaluates if / else if / else with Go truthiness', () => {
    const source = '{{ if eq .Values.mode "a" }}A{{ else if .Values.list }}L{{ else }}E{{ end }}';
    expect(render(source, { mode: 'a', list: [] })).toBe('A');
    expect(render(source, { mode: 'b', list: [1] })).toBe('L');
    expect(render(source, { mode: 'b', list: [] })).toBe('E');
    expect(render('{{ if .Values.zero }}y{{ else }}n{{ end }}', { zero: 0 })).toBe('n');
    expect(render('{{ if .Values.map }}y{{ else }}n{{ end }}', { map: {} })).toBe('n');
  });

  it('rebinds the dot in with, keeps $ as the root', () => {
    expect(
      render('{{ with .Values.db }}{{ .host }}@{{ $.Release.Name }}{{ end }}', {
        db: { host: 'pg' },
      }),
    ).toBe('pg@acme');
    expect(render('{{ with .Values.db }}x{{ else }}none{{ end }}', { db: {} })).toBe('none');
  });

  it('includes defined templates with their own data, through pipes', () => {
    const helpers = '{{- define "n" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}';
    expect(render('name: {{ include "n" . | upper | quote }}', {}, helpers)).toBe(
      'name: "ACME-PRINTBEAT"',
    );
  });

  it('renders toYaml with nindent like Sprig (sorted keys, no trailing newline)', () => {
    expect(
      render('spec:\n  sc:\n    {{- toYaml .Values.sc | nindent 4 }}\nnext: 1', {
        sc: { runAsUser: 1000, drop: ['ALL'] },
      }),
    ).toBe('spec:\n  sc:\n    drop:\n      - ALL\n    runAsUser: 1000\nnext: 1');
  });

  it('prints numbers the way Go prints float64, and int64 fixes it', () => {
    expect(render('{{ .Values.n }}', { n: 2592000 })).toBe('2.592e+06');
    expect(render('{{ .Values.n | int64 | quote }}', { n: 2592000 })).toBe('"2592000"');
    expect(render('{{ .Values.n }}', { n: 900 })).toBe('900');
    expect(formatGoNumber(1000000)).toBe('1e+06');
    expect(formatGoNumber(0.5)).toBe('0.5');
    expect(formatGoNumber(0.00001)).toBe('1e-05');
  });

  it('implements default, printf, trunc, trimSuffix, replace, contains, b64enc, and/or/not', () => {
    expect(render('{{ .Values.tag | default .Chart.AppVersion }}', { tag: '' })).toBe('0.9.0');
    expect(render('{{ printf "%s-%s" .Release.Name "x" | trunc 6 | trimSuffix "-" }}')).toBe(
      'acme-x',
    );
    expect(render('{{ printf "%s" "a+b" | replace "+" "_" }}')).toBe('a_b');
    expect(render('{{ if contains "printbeat" .Release.Name }}y{{ else }}n{{ end }}')).toBe('n');
    expect(render('{{ "secret" | b64enc }}')).toBe('c2VjcmV0');
    expect(render('{{ and .Values.a (not .Values.b) }}', { a: true, b: false })).toBe('true');
    expect(render('{{ or .Values.a .Values.b }}', { a: '', b: 'fallback' })).toBe('fallback');
    expect(render('{{ if gt (int .Values.n) 1 }}many{{ else }}one{{ end }}', { n: 2 })).toBe(
      'many',
    );
    expect(render('{{ if gt (int .Values.n) 1 }}many{{ else }}one{{ end }}', { n: 1 })).toBe('one');
  });

  it('fails like helm on required values and nil pointers', () => {
    expect(() => render('{{ required "db url needed" .Values.url }}', { url: '' })).toThrow(
      /db url needed/,
    );
    expect(() => render('{{ .Values.missing.key }}', {})).toThrow(
      /nil pointer evaluating .Values.missing.key/,
    );
  });

  it('is stricter than helm on printing a missing value (catches value-path typos)', () => {
    expect(() => render('image: {{ .Values.imgae }}', { image: 'x' })).toThrow(
      /printed a missing value/,
    );
  });

  it('refuses syntax outside its subset instead of guessing', () => {
    expect(() => render('{{ range .Values.list }}{{ . }}{{ end }}', { list: [1] })).toThrow(
      /outside the renderer's subset/,
    );
    expect(() => render('{{ tpl .Values.x . }}', { x: 'a' })).toThrow(
      /outside the renderer's subset/,
    );
  });

  it('skips comments and reports unclosed actions with the line', () => {
    expect(render('a{{/* note */}}b')).toBe('ab');
    expect(() => render('a\n{{ .Values.x')).toThrow(/line 2/);
  });
});
