import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseDockerfile } from './dockerfile.js';
import { parseUnitFile, unitValue } from './systemd-unit.js';

// The images, the compose file and the systemd unit start the agent and the simulator with
// command-line options; this keeps them in step with the commander definitions in the sources.

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

function sourcesOf(dir: string): string {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry))
        out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(join(repoRoot, dir));
  return out.join('\n');
}

/** Long options (`--name`) a commander program defines. */
function definedOptions(source: string): Set<string> {
  return new Set(
    [...source.matchAll(/\.(?:option|requiredOption)\(\s*'(?:-\w, )?(--[a-z0-9-]+)/g)].map(
      (match) => match[1]!,
    ),
  );
}

function definedCommands(source: string): Set<string> {
  return new Set(
    [...source.matchAll(/(?:\.command\(|new Command\()\s*'([a-z-]+)/g)].map((match) => match[1]!),
  );
}

const usedOptions = (args: string[]) => args.filter((arg) => arg.startsWith('--'));

// Agent commands the deployment files use before the agent work has landed them: tolerated while
// missing; once a command exists, every option the deployment files pass must exist too.
const PENDING_AGENT_COMMANDS: string[] = [];

describe('command lines in docker/ and infra/ match the CLIs', () => {
  it('printer-sim: the image and compose use only options the simulator defines', () => {
    const source = sourcesOf('tools/printer-sim/src');
    const options = definedOptions(source);
    expect(definedCommands(source)).toContain('start');
    const dockerfile = parseDockerfile(read('docker/printer-sim.Dockerfile'));
    const cmd = dockerfile.stages
      .at(-1)!
      .instructions.find((instruction) => instruction.keyword === 'CMD')!.args;
    const compose = parse(read('docker/compose.yaml')) as {
      services: Record<string, { command?: string[] }>;
    };
    for (const args of [cmd, compose.services['printer-sim']!.command!]) {
      expect(args[0]).toBe('start');
      for (const option of usedOptions(args))
        expect({ option, defined: options.has(option) }).toEqual({ option, defined: true });
    }
  });

  it('agent: the container entrypoint and the systemd unit use only commands and options the agent defines', () => {
    const source = sourcesOf('apps/agent/src');
    const commands = definedCommands(source);
    const options = definedOptions(source);
    const entrypoint = read('docker/agent-entrypoint.sh');
    const execStart = unitValue(
      parseUnitFile(read('infra/systemd/printbeat-agent.service')),
      'Service',
      'ExecStart',
    )!;
    const used = new Map<string, string[]>([
      ['supervise', ['--data-dir']],
      ['enroll', ['--data-dir', '--central', '--key', '--ca-file']],
    ]);
    // What the files really say, so this table cannot drift from them.
    expect(execStart).toContain(' supervise --data-dir');
    expect(entrypoint).toContain('$AGENT enroll "$@"');
    expect(entrypoint).toContain('exec $AGENT supervise --data-dir');
    for (const option of ['--data-dir', '--central', '--key', '--ca-file'])
      expect(entrypoint).toContain(option);

    for (const [command, commandOptions] of used) {
      if (!commands.has(command)) {
        expect({ command, pending: PENDING_AGENT_COMMANDS.includes(command) }).toEqual({
          command,
          pending: true,
        });
        continue;
      }
      for (const option of commandOptions)
        expect({ command, option, defined: options.has(option) }).toEqual({
          command,
          option,
          defined: true,
        });
    }
  });
});
