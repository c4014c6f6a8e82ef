import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

/**
 * A small, strict evaluator for the subset of Go text/template + Sprig that the Printbeat Helm
 * chart uses, so `npm test` can render the chart without the helm binary (not installable from
 * Debian or npm here). It follows Helm's semantics where they bite in practice — whitespace
 * trimming, `$` rebinding per template, numbers printed the way Go prints float64 (values from
 * YAML are float64 in Helm, so 2592000 prints as 2.592e+06) — and is stricter than Helm in one
 * way: printing a missing value is an error instead of an empty string, which catches typos in
 * value paths.
 */

export class TemplateError extends Error {
  readonly code = 'INFRA_TEMPLATE_ERROR';
}

type Token =
  | { kind: 'field'; path: string[]; root: 'dot' | 'dollar' }
  | { kind: 'ident'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'lparen' }
  | { kind: 'rparen' }
  | { kind: 'pipe' };

type Operand =
  | { kind: 'field'; path: string[]; root: 'dot' | 'dollar' }
  | { kind: 'literal'; value: unknown }
  | { kind: 'pipeline'; pipeline: Pipeline };

type Command = { name: string | null; args: Operand[] };
type Pipeline = Command[];

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: Pipeline; where: string }
  | { kind: 'if'; branches: { cond: Pipeline; body: Node[] }[]; otherwise: Node[]; where: string }
  | { kind: 'with'; value: Pipeline; body: Node[]; otherwise: Node[]; where: string };

type RawPart = { kind: 'text'; text: string } | { kind: 'action'; source: string; line: number };

const KEYWORDS = new Set(['if', 'else', 'end', 'with', 'define', 'range', 'template', 'block']);

/** Splits a template into text and `{{ }}` actions, applying the `{{-` / `-}}` trim markers. */
function lex(source: string, file: string): RawPart[] {
  const parts: RawPart[] = [];
  let position = 0;
  let trimNextText = false;
  while (position < source.length) {
    const open = source.indexOf('{{', position);
    let text = open === -1 ? source.slice(position) : source.slice(position, open);
    if (trimNextText) text = text.replace(/^\s+/, '');
    if (open === -1) {
      parts.push({ kind: 'text', text });
      break;
    }
    const trimLeft = source.startsWith('{{- ', open) || source.startsWith('{{-\n', open);
    if (trimLeft) text = text.replace(/\s+$/, '');
    parts.push({ kind: 'text', text });
    const bodyStart = open + (trimLeft ? 3 : 2);
    let close: number;
    if (source.slice(bodyStart).trimStart().startsWith('/*')) {
      const commentEnd = source.indexOf('*/', bodyStart);
      close = commentEnd === -1 ? -1 : source.indexOf('}}', commentEnd);
    } else {
      close = findActionEnd(source, bodyStart);
    }
    if (close === -1)
      throw new TemplateError(`${file}: unclosed action at line ${lineOf(source, open)}`);
    const trimRight = source[close - 1] === '-' && /\s/.test(source[close - 2] ?? '');
    const body = source.slice(bodyStart, trimRight ? close - 1 : close).trim();
    if (!body.startsWith('/*'))
      parts.push({ kind: 'action', source: body, line: lineOf(source, open) });
    trimNextText = trimRight;
    position = close + 2;
  }
  return parts;
}

function findActionEnd(source: string, from: number): number {
  let quote: string | null = null;
  for (let index = from; index < source.length - 1; index++) {
    const char = source[index];
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === '`') {
      quote = char;
    } else if (char === '}' && source[index + 1] === '}') {
      return index;
    }
  }
  return -1;
}

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

function tokenize(action: string, where: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < action.length) {
    const char = action[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '(') {
      tokens.push({ kind: 'lparen' });
      index++;
    } else if (char === ')') {
      tokens.push({ kind: 'rparen' });
      index++;
    } else if (char === '|') {
      tokens.push({ kind: 'pipe' });
      index++;
    } else if (char === '"') {
      let end = index + 1;
      while (end < action.length && action[end] !== '"') end += action[end] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', value: JSON.parse(action.slice(index, end + 1)) as string });
      index = end + 1;
    } else if (char === '`') {
      const end = action.indexOf('`', index + 1);
      tokens.push({ kind: 'string', value: action.slice(index + 1, end) });
      index = end + 1;
    } else if (char === '.' || char === '$') {
      const match = /^(\$|)((\.[A-Za-z_][A-Za-z0-9_]*)*)(\.)?/.exec(action.slice(index));
      const text = match?.[0] ?? char;
      const root = text.startsWith('$') ? 'dollar' : 'dot';
      const path = (match?.[2] ?? '').split('.').filter(Boolean);
      tokens.push({ kind: 'field', path, root });
      index += Math.max(text.length, 1);
    } else if (/[-0-9]/.test(char)) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(action.slice(index));
      if (!match) throw new TemplateError(`${where}: cannot read "${action.slice(index)}"`);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      index += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(action.slice(index))!;
      tokens.push({ kind: 'ident', name: match[0] });
      index += match[0].length;
    } else {
      throw new TemplateError(
        `${where}: unsupported syntax "${action.slice(index)}" (outside the renderer's subset)`,
      );
    }
  }
  return tokens;
}

function parsePipeline(tokens: Token[], where: string): Pipeline {
  let index = 0;
  const readPipeline = (): Pipeline => {
    const commands: Command[] = [];
    let current: Operand[] = [];
    let name: string | null = null;
    const flush = () => {
      if (name === null && current.length === 0) throw new TemplateError(`${where}: empty command`);
      if (name === null && current.length > 1)
        throw new TemplateError(`${where}: value cannot take arguments`);
      commands.push({ name, args: current });
      current = [];
      name = null;
    };
    while (index < tokens.length) {
      const token = tokens[index]!;
      if (token.kind === 'rparen') break;
      index++;
      if (token.kind === 'pipe') {
        flush();
      } else if (token.kind === 'lparen') {
        current.push({ kind: 'pipeline', pipeline: readPipeline() });
        if (tokens[index]?.kind !== 'rparen') throw new TemplateError(`${where}: missing )`);
        index++;
      } else if (token.kind === 'ident') {
        if (token.name === 'true' || token.name === 'false')
          current.push({ kind: 'literal', value: token.name === 'true' });
        else if (token.name === 'nil') current.push({ kind: 'literal', value: undefined });
        else if (name === null && current.length === 0) name = token.name;
        else
          throw new TemplateError(
            `${where}: function "${token.name}" must start a command (use parentheses)`,
          );
      } else if (token.kind === 'field') {
        current.push({ kind: 'field', path: token.path, root: token.root });
      } else {
        current.push({ kind: 'literal', value: token.value });
      }
    }
    flush();
    return commands;
  };
  const pipeline = readPipeline();
  if (index !== tokens.length) throw new TemplateError(`${where}: unexpected )`);
  return pipeline;
}

type Parsed = { nodes: Node[]; defines: Map<string, Node[]> };

function parse(source: string, file: string): Parsed {
  const parts = lex(source, file);
  const defines = new Map<string, Node[]>();
  let index = 0;

  // Reads nodes until one of the given keywords; returns the nodes and the stopping action.
  const readUntil = (
    stops: string[],
  ): { nodes: Node[]; stop: { word: string; rest: string; where: string } | null } => {
    const nodes: Node[] = [];
    while (index < parts.length) {
      const part = parts[index++]!;
      if (part.kind === 'text') {
        if (part.text) nodes.push({ kind: 'text', text: part.text });
        continue;
      }
      const where = `${file}:${part.line}`;
      const word = /^[a-z]+/.exec(part.source)?.[0] ?? '';
      const rest = part.source.slice(word.length).trim();
      if (stops.includes(word)) return { nodes, stop: { word, rest, where } };
      if (word === 'if') {
        const branches: { cond: Pipeline; body: Node[] }[] = [];
        let cond = parsePipeline(tokenize(rest, where), where);
        let otherwise: Node[] = [];
        for (;;) {
          const block = readUntil(['else', 'end']);
          if (!block.stop) throw new TemplateError(`${where}: if without end`);
          branches.push({ cond, body: block.nodes });
          if (block.stop.word === 'end') break;
          if (block.stop.rest.startsWith('if ')) {
            cond = parsePipeline(
              tokenize(block.stop.rest.slice(3), block.stop.where),
              block.stop.where,
            );
            continue;
          }
          const tail = readUntil(['end']);
          if (!tail.stop) throw new TemplateError(`${where}: if without end`);
          otherwise = tail.nodes;
          break;
        }
        nodes.push({ kind: 'if', branches, otherwise, where });
      } else if (word === 'with') {
        const value = parsePipeline(tokenize(rest, where), where);
        const block = readUntil(['else', 'end']);
        if (!block.stop) throw new TemplateError(`${where}: with without end`);
        let otherwise: Node[] = [];
        if (block.stop.word === 'else') {
          const tail = readUntil(['end']);
          if (!tail.stop) throw new TemplateError(`${where}: with without end`);
          otherwise = tail.nodes;
        }
        nodes.push({ kind: 'with', value, body: block.nodes, otherwise, where });
      } else if (word === 'define') {
        const name = /^"([^"]+)"$/.exec(rest)?.[1];
        if (!name) throw new TemplateError(`${where}: define needs a quoted name`);
        const block = readUntil(['end']);
        if (!block.stop) throw new TemplateError(`${where}: define without end`);
        defines.set(name, block.nodes);
      } else if (KEYWORDS.has(word)) {
        throw new TemplateError(
          `${where}: "${word}" is outside the renderer's subset (or misplaced)`,
        );
      } else {
        nodes.push({
          kind: 'action',
          pipeline: parsePipeline(tokenize(part.source, where), where),
          where,
        });
      }
    }
    return { nodes, stop: null };
  };

  const { nodes, stop } = readUntil([]);
  if (stop) throw new TemplateError(`${stop.where}: unexpected ${stop.word}`);
  return { nodes, defines };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

type Scope = { dot: unknown; dollar: unknown };

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '')
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * How Go's fmt prints a float64 (`%v` = strconv 'g' with shortest precision): exponent form when
 * the decimal exponent is below -4 or at least 6, so 2592000 prints as "2.592e+06".
 */
export function formatGoNumber(value: number): string {
  if (value === 0) return '0';
  const exponent = Number(value.toExponential().split('e')[1]);
  if (exponent < -4 || exponent >= 6) {
    const [mantissa, power] = value.toExponential().split('e');
    const sign = power!.startsWith('-') ? '-' : '+';
    const digits = power!.replace(/^[-+]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** Marks integers produced by `int`/`int64`, which Go prints without an exponent. */
class GoInt {
  constructor(readonly value: number) {}
}

function print(value: unknown): string {
  if (value instanceof GoInt) return String(value.value);
  if (typeof value === 'number') return formatGoNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(print).join(' ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `map[${Object.keys(value)
      .sort()
      .map((key) => `${key}:${print((value as Record<string, unknown>)[key])}`)
      .join(' ')}]`;
  }
  return '<nil>';
}

function plain(value: unknown): unknown {
  if (value instanceof GoInt) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

function indentText(spaces: number, text: string): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

function toNumber(value: unknown, where: string): number {
  const number = value instanceof GoInt ? value.value : value;
  if (typeof number !== 'number')
    throw new TemplateError(`${where}: expected a number, got ${print(value)}`);
  return number;
}

function requireString(value: unknown, what: string, where: string): string {
  if (value === undefined) throw new TemplateError(`${where}: ${what} got a missing value`);
  return print(value);
}

function goQuote(value: string): string {
  return JSON.stringify(value);
}

function sprintf(format: string, args: unknown[], where: string): string {
  let next = 0;
  return format.replace(/%([sdvq%])/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length)
      throw new TemplateError(`${where}: printf is missing an argument for %${verb}`);
    const arg = args[next++];
    if (arg === undefined)
      throw new TemplateError(`${where}: printf got a missing value for %${verb}`);
    if (verb === 'd') {
      if (arg instanceof GoInt) return String(arg.value);
      // Go: %d of a float64 prints %!d(float64=…) — almost always a bug in a template.
      throw new TemplateError(
        `${where}: printf %d needs an integer (pipe the value through int64)`,
      );
    }
    if (verb === 'q') return goQuote(print(arg));
    return print(arg);
  });
}

export type RenderContext = {
  Values: Record<string, unknown>;
  Release: {
    Name: string;
    Namespace: string;
    Service: string;
    IsInstall: boolean;
    IsUpgrade: boolean;
  };
  Chart: { Name: string; Version: string; AppVersion: string };
  Template?: { BasePath: string; Name: string };
};

/** A set of parsed template files sharing one namespace of `define`d templates, as in Helm. */
export class TemplateSet {
  private readonly files = new Map<string, Node[]>();
  private readonly defines = new Map<string, Node[]>();
  private depth = 0;

  add(name: string, source: string): void {
    const parsed = parse(source, name);
    this.files.set(name, parsed.nodes);
    this.defines.set(name, parsed.nodes);
    for (const [defineName, body] of parsed.defines) this.defines.set(defineName, body);
  }

  names(): string[] {
    return [...this.files.keys()];
  }

  render(name: string, context: RenderContext): string {
    const nodes = this.files.get(name);
    if (!nodes) throw new TemplateError(`no template file ${name}`);
    const scopeData = {
      ...context,
      Template: { BasePath: context.Template?.BasePath ?? '', Name: name },
    };
    return this.execute(nodes, { dot: scopeData, dollar: scopeData });
  }

  private execute(nodes: Node[], scope: Scope): string {
    let out = '';
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          out += node.text;
          break;
        case 'action': {
          const value = this.pipeline(node.pipeline, scope, node.where);
          if (value === undefined) {
            throw new TemplateError(
              `${node.where}: printed a missing value (check the value path)`,
            );
          }
          out += print(value);
          break;
        }
        case 'if': {
          const branch = node.branches.find((candidate) =>
            isTruthy(this.pipeline(candidate.cond, scope, node.where)),
          );
          out += this.execute(branch ? branch.body : node.otherwise, scope);
          break;
        }
        case 'with': {
          const value = this.pipeline(node.value, scope, node.where);
          out += isTruthy(value)
            ? this.execute(node.body, { dot: value, dollar: scope.dollar })
            : this.execute(node.otherwise, scope);
          break;
        }
        default: {
          const never: never = node;
          throw new TemplateError(`unknown node ${String(never)}`);
        }
      }
    }
    return out;
  }

  private pipeline(pipeline: Pipeline, scope: Scope, where: string): unknown {
    let value: unknown;
    pipeline.forEach((command, position) => {
      const args = command.args.map((arg) => this.operand(arg, scope, where));
      if (position > 0) args.push(value);
      if (command.name === null) {
        if (position > 0) throw new TemplateError(`${where}: cannot pipe into a value`);
        value = args[0];
      } else {
        value = this.call(command.name, args, where);
      }
    });
    return value;
  }

  private operand(operand: Operand, scope: Scope, where: string): unknown {
    if (operand.kind === 'literal') return operand.value;
    if (operand.kind === 'pipeline') return this.pipeline(operand.pipeline, scope, where);
    let value = operand.root === 'dollar' ? scope.dollar : scope.dot;
    let walked = operand.root === 'dollar' ? '$' : '';
    for (const key of operand.path) {
      if (value === undefined || value === null) {
        throw new TemplateError(`${where}: nil pointer evaluating ${walked || '.'}.${key}`);
      }
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new TemplateError(`${where}: cannot read .${key} of ${print(value)}`);
      }
      value = (value as Record<string, unknown>)[key];
      walked += `.${key}`;
    }
    return value;
  }

  private call(name: string, args: unknown[], where: string): unknown {
    const arity = (count: number) => {
      if (args.length !== count)
        throw new TemplateError(`${where}: ${name} takes ${count} arguments, got ${args.length}`);
    };
    switch (name) {
      case 'include': {
        arity(2);
        const templateName = requireString(args[0], 'include', where);
        const body = this.defines.get(templateName);
        if (!body) throw new TemplateError(`${where}: no template "${templateName}"`);
        if (++this.depth > 50) throw new TemplateError(`${where}: include recursion too deep`);
        try {
          return this.execute(body, { dot: args[1], dollar: args[1] });
        } finally {
          this.depth--;
        }
      }
      case 'default':
        arity(2);
        return isTruthy(args[1]) ? args[1] : args[0];
      case 'required':
        arity(2);
        if (args[1] === undefined || args[1] === null || args[1] === '') {
          throw new TemplateError(`${where}: ${requireString(args[0], 'required', where)}`);
        }
        return args[1];
      case 'quote':
        arity(1);
        return goQuote(requireString(args[0], 'quote', where));
      case 'squote':
        arity(1);
        return `'${requireString(args[0], 'squote', where)}'`;
      case 'nindent':
        arity(2);
        return `\n${indentText(toNumber(args[0], where), requireString(args[1], 'nindent', where))}`;
      case 'indent':
        arity(2);
        return indentText(toNumber(args[0], where), requireString(args[1], 'indent', where));
      case 'toYaml': {
        arity(1);
        if (args[0] === undefined || args[0] === null) return 'null';
        return stringify(plain(args[0]), { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '');
      }
      case 'printf':
        return sprintf(requireString(args[0], 'printf', where), args.slice(1), where);
      case 'print':
        return args.map((arg) => requireString(arg, 'print', where)).join('');
      case 'trunc': {
        arity(2);
        const length = toNumber(args[0], where);
        const text = requireString(args[1], 'trunc', where);
        return length >= 0 ? text.slice(0, length) : text.slice(length);
      }
      case 'trimSuffix': {
        arity(2);
        const suffix = requireString(args[0], 'trimSuffix', where);
        const text = requireString(args[1], 'trimSuffix', where);
        return suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
      }
      case 'replace':
        arity(3);
        return requireString(args[2], 'replace', where).replaceAll(
          requireString(args[0], 'replace', where),
          requireString(args[1], 'replace', where),
        );
      case 'contains':
        arity(2);
        return requireString(args[1], 'contains', where).includes(
          requireString(args[0], 'contains', where),
        );
      case 'lower':
        arity(1);
        return requireString(args[0], 'lower', where).toLowerCase();
      case 'upper':
        arity(1);
        return requireString(args[0], 'upper', where).toUpperCase();
      case 'toString':
        arity(1);
        return requireString(args[0], 'toString', where);
      case 'int':
      case 'int64': {
        arity(1);
        const value = args[0] instanceof GoInt ? args[0].value : args[0];
        const number =
          typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : 0;
        return new GoInt(Number.isFinite(number) ? Math.trunc(number) : 0);
      }
      case 'b64enc':
        arity(1);
        return Buffer.from(requireString(args[0], 'b64enc', where)).toString('base64');
      case 'sha256sum':
        arity(1);
        return createHash('sha256')
          .update(requireString(args[0], 'sha256sum', where))
          .digest('hex');
      case 'not':
        arity(1);
        return !isTruthy(args[0]);
      case 'and':
        return args.find((arg) => !isTruthy(arg)) ?? args[args.length - 1];
      case 'or':
        return args.find((arg) => isTruthy(arg)) ?? args[args.length - 1];
      case 'eq':
        arity(2);
        return plain(args[0]) === plain(args[1]);
      case 'ne':
        arity(2);
        return plain(args[0]) !== plain(args[1]);
      case 'gt':
      case 'lt':
      case 'ge':
      case 'le': {
        arity(2);
        const [left, right] = [toNumber(args[0], where), toNumber(args[1], where)];
        if (name === 'gt') return left > right;
        if (name === 'lt') return left < right;
        return name === 'ge' ? left >= right : left <= right;
      }
      default:
        throw new TemplateError(`${where}: function "${name}" is outside the renderer's subset`);
    }
  }
}
