/**
 * A Dockerfile reader and the lint rules Printbeat holds its images to (hadolint is not
 * installable here). Parsing follows the Dockerfile reference: `\` line continuations, `#`
 * comments (also between continued lines), instruction keywords case-insensitive, `ARG`s
 * declared before the first `FROM` usable in `FROM` lines.
 */

export type Instruction = {
  keyword: string;
  /** Raw argument text after the keyword, continuations joined with a space. */
  text: string;
  /** `--name=value` flags in front of the arguments (COPY --from=…, RUN --mount=…). */
  flags: Record<string, string>;
  /** The arguments after the flags: the JSON array form if used, else split on whitespace. */
  args: string[];
  json: boolean;
  line: number;
};

export type Stage = {
  index: number;
  name: string | null;
  /** The base image or earlier stage, with global ARG defaults substituted. */
  from: string;
  line: number;
  instructions: Instruction[];
};

export type Dockerfile = {
  globalArgs: Record<string, string>;
  stages: Stage[];
  instructions: Instruction[];
};

const KNOWN = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'MAINTAINER',
]);

export class DockerfileError extends Error {
  readonly code = 'INFRA_DOCKERFILE_ERROR';
}

function splitArgs(text: string): { flags: Record<string, string>; args: string[]; json: boolean } {
  const flags: Record<string, string> = {};
  let rest = text.trim();
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S+))?\s*/.exec(rest);
    if (!match) break;
    flags[match[1]!] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
        return { flags, args: parsed, json: true };
      }
    } catch {
      // Not valid JSON: Docker treats it as shell form too.
    }
  }
  return { flags, args: rest.split(/\s+/).filter(Boolean), json: false };
}

export function parseDockerfile(source: string, file = 'Dockerfile'): Dockerfile {
  const lines = source.split('\n');
  const instructions: Instruction[] = [];
  let index = 0;
  while (index < lines.length) {
    const first = lines[index]!;
    const startLine = index + 1;
    index++;
    if (/^\s*(#.*)?$/.test(first)) continue;
    let text = first;
    while (/\\\s*$/.test(text)) {
      text = text.replace(/\\\s*$/, ' ');
      // Comment lines and blank lines inside a continued instruction are skipped by Docker.
      while (index < lines.length && /^\s*(#.*)?$/.test(lines[index]!)) index++;
      if (index >= lines.length)
        throw new DockerfileError(`${file}:${startLine}: continuation at end of file`);
      text += lines[index]!;
      index++;
    }
    const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(text);
    if (!match) throw new DockerfileError(`${file}:${startLine}: cannot read "${first.trim()}"`);
    const keyword = match[1]!.toUpperCase();
    if (!KNOWN.has(keyword))
      throw new DockerfileError(`${file}:${startLine}: unknown instruction ${match[1]}`);
    const body = match[2]!.trim();
    instructions.push({ keyword, text: body, ...splitArgs(body), line: startLine });
  }

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args;
      if (!image || (as !== undefined && (as.toUpperCase() !== 'AS' || !name))) {
        throw new DockerfileError(
          `${file}:${instruction.line}: FROM must be "FROM image [AS name]"`,
        );
      }
      const from = image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_all, variable: string) => {
        const value = globalArgs[variable];
        if (value === undefined)
          throw new DockerfileError(
            `${file}:${instruction.line}: FROM uses undeclared ARG ${variable}`,
          );
        return value;
      });
      stages.push({
        index: stages.length,
        name: name?.toLowerCase() ?? null,
        from,
        line: instruction.line,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new DockerfileError(
          `${file}:${instruction.line}: only ARG may come before the first FROM`,
        );
      }
      const [name, ...value] = (instruction.args[0] ?? '').split('=');
      globalArgs[name!] = value.join('=');
    } else {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new DockerfileError(`${file}: no FROM`);
  return { globalArgs, stages, instructions };
}

/** True when an image reference names a fixed tag or digest (not `latest`, not tag-less). */
export function isPinnedImage(reference: string): boolean {
  if (reference.includes('@sha256:')) return true;
  const lastSegment = reference.split('/').pop() ?? '';
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop()! : '';
  return tag !== '' && tag !== 'latest';
}

export function stageByName(dockerfile: Dockerfile, name: string): Stage | undefined {
  return dockerfile.stages.find(
    (stage) => stage.name === name.toLowerCase() || String(stage.index) === name,
  );
}

/** The user a stage runs as: its last USER, else the USER of the stage it builds on. */
export function effectiveUser(dockerfile: Dockerfile, stage: Stage): string | null {
  const own = stage.instructions.filter((instruction) => instruction.keyword === 'USER').pop();
  if (own) return own.args[0] ?? null;
  const parent = stageByName(dockerfile, stage.from);
  return parent && parent.index < stage.index ? effectiveUser(dockerfile, parent) : null;
}

export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!;
  return name === 'root' || name === '0';
}

/** COPY/ADD sources (all arguments but the destination). */
export function copySources(instruction: Instruction): string[] {
  return instruction.args.slice(0, -1);
}
