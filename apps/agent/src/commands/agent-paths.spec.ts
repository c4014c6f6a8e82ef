import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunningAgents, registerRunningAgent } from '../daemon/running-agents.js';
import { existingAgentPaths } from './agent-paths.js';

function enrolledDir(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'identity'), { recursive: true });
  writeFileSync(join(dir, 'identity', 'identity.json'), '{}');
  return dir;
}

describe('finding an existing agent data directory', () => {
  const saved = { ...process.env };
  let root: string;
  let cwd: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'agent-paths-'));
    process.env.XDG_RUNTIME_DIR = join(root, 'run');
    delete process.env.PRINTBEAT_AGENT_DATA_DIR;
    cwd = process.cwd();
    mkdirSync(join(root, 'work'));
    process.chdir(join(root, 'work'));
  });
  afterEach(() => {
    process.chdir(cwd);
    process.env = { ...saved };
  });

  it("takes the running agent's data directory, and says so", async () => {
    const running = enrolledDir(root, 'site-agent');
    const unregister = await registerRunningAgent(running);
    const notices: string[] = [];
    const paths = await existingAgentPaths({}, (line) => notices.push(line));
    expect(paths).toEqual({ dataDir: running, configPath: join(running, 'agent.config.json') });
    expect(notices).toEqual([`using the agent data directory ${running}`]);

    await unregister();
    expect(await listRunningAgents()).toEqual([]);
  });

  it('prefers --data-dir and $PRINTBEAT_AGENT_DATA_DIR over a running agent', async () => {
    await registerRunningAgent(enrolledDir(root, 'running'));
    const given = join(root, 'given');
    expect((await existingAgentPaths({ dataDir: given }, () => {})).dataDir).toBe(given);
    process.env.PRINTBEAT_AGENT_DATA_DIR = join(root, 'from-env');
    expect((await existingAgentPaths({}, () => {})).dataDir).toBe(join(root, 'from-env'));
  });

  it("finds the demo's enrolled agent when none runs, and the default otherwise", async () => {
    const defaultDir = join(root, 'work', '.data', 'agent');
    expect((await existingAgentPaths({}, () => {})).dataDir).toBe(defaultDir);
    const demo = enrolledDir(join(root, 'work', '.data'), join('demo', 'agent'));
    expect((await existingAgentPaths({}, () => {})).dataDir).toBe(demo);
  });

  it('forgets notes of agents that died, and refuses to guess between two running ones', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    const directory = join(root, 'run', `printbeat-agent-${process.getuid?.() ?? 'user'}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, `${dead.pid}.json`),
      JSON.stringify({ pid: dead.pid, dataDir: '/gone', startedAt: '' }),
    );
    expect(await listRunningAgents()).toEqual([]);

    await registerRunningAgent(enrolledDir(root, 'a'));
    writeFileSync(
      join(directory, `${process.ppid}.json`),
      JSON.stringify({ pid: process.ppid, dataDir: enrolledDir(root, 'b'), startedAt: '' }),
    );
    await expect(existingAgentPaths({}, () => {})).rejects.toThrow(
      /2 agents are running .*: pass --data-dir/,
    );
  });
});
