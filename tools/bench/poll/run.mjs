#!/usr/bin/env node
// Polling benchmark. Prints figures; asserts nothing.
//
//   node tools/bench/poll/run.mjs [--sizes 1000,10000] [--c-seconds 30] [--snmpsim-polls 200] [--no-c] [--no-snmpsim]
//
// 1. printer-sim fleets of each size on loopback (in a child process); the agent's batch poll
//    (apps/agent pollDevice over the shared socket, default concurrency and rate) in another
//    child: full polls/s, total time, peak RSS.
// 2. Baseline on the same printers: Net-SNMP's C tools (snmpget + one snmpbulkwalk per subtree,
//    the same OIDs as the agent's plan) in 16 parallel lanes, for a time budget (a sample,
//    extrapolated to the fleet size), and the ratio agent / C tools.
// 3. The same two against Debian's snmpsim serving the same walks.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_FIXTURES } from '../../printer-sim/dist/index.js';
import { pollWithCTools } from './c-tools.mjs';
import { planFor } from './plans.mjs';
import { removeDataDir, startSnmpsim, writeDataDir } from './snmpsim.mjs';
import {
  buildWorkspace,
  ensureDebianTool,
  fmt,
  ROOT,
  startChild,
  stopChild,
  table,
} from './support.mjs';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    'c-seconds': { type: 'string', default: '30' },
    'snmpsim-polls': { type: 'string', default: '200' },
    'no-c': { type: 'boolean', default: false },
    'no-snmpsim': { type: 'boolean', default: false },
  },
});
const sizes = options.sizes.split(',').map(Number);
const cBudgetMs = Number(options['c-seconds']) * 1000;
const C_WORKERS = 16;
const AGENT_SCRIPT = `${ROOT}/tools/bench/poll/agent-child.mjs`;
const FLEET_SCRIPT = `${ROOT}/tools/bench/poll/fleet-child.mjs`;
const log = (line) => process.stderr.write(`${line}\n`);

buildWorkspace();
const loadAtStart = loadavg()[0];
const haveC = !options['no-c'] && ensureDebianTool('snmpbulkwalk', 'snmp');

async function agentPoll(targets, extra = {}) {
  const agent = startChild(AGENT_SCRIPT, [], { input: JSON.stringify({ targets, ...extra }) });
  return agent.next((message) => 'ready' in message);
}

const rows = [];
const notes = [];

for (const [i, size] of sizes.entries()) {
  const port = 16_500 + i;
  log(`\n== printer-sim, ${size.toLocaleString('en-US')} printers on 127.60.0.0/16 port ${port}`);
  const fleet = startChild(FLEET_SCRIPT, [String(size), '127.60.0.1', String(port)]);
  const ready = await fleet.next((message) => 'ready' in message);
  if (!ready.ready) {
    notes.push(`printer-sim could not start ${size} printers: ${ready.error}`);
    await stopChild(fleet.child);
    continue;
  }
  log(
    `simulator up in ${ready.startMs} ms (${ready.rssMB} MB)${ready.warnings.length ? `; ${ready.warnings.join('; ')}` : ''}`,
  );
  const targets = ready.addresses.map((host) => ({ host, port }));
  const agent = await agentPoll(targets);
  log(
    `agent: ${agent.complete}/${agent.polls} complete in ${agent.ms} ms, ${agent.pollsPerSecond.toFixed(1)} polls/s, peak RSS ${agent.maxRssMB} MB, ${agent.datagrams.sent} datagrams`,
  );
  if (agent.failed > 0)
    notes.push(
      `agent, ${size} printers: ${agent.failed} polls failed ${JSON.stringify(agent.errors)}`,
    );
  let c = null;
  if (haveC) {
    const jobs = ready.addresses.map((host, index) => ({
      host,
      port,
      community: 'public',
      ...planFor(ready.fixtures[index]),
    }));
    log(`C tools: ${C_WORKERS} lanes, up to ${cBudgetMs / 1000} s…`);
    c = await pollWithCTools(jobs, { workers: C_WORKERS, budgetMs: cBudgetMs });
    log(
      `C tools: ${c.complete}/${c.polls} complete in ${c.ms} ms, ${c.pollsPerSecond.toFixed(1)} polls/s (${c.processes} processes)`,
    );
  }
  await stopChild(fleet.child);
  rows.push({
    peer: `printer-sim ${size.toLocaleString('en-US')}`,
    printers: size,
    agent,
    c,
  });
}

if (!options['no-snmpsim'] && haveC && ensureDebianTool('snmpsimd', 'snmpsim')) {
  const polls = Number(options['snmpsim-polls']);
  log(`\n== snmpsim (Debian), ${DEFAULT_FIXTURES.length} data files on 127.61.0.1:16600`);
  const dir = writeDataDir(DEFAULT_FIXTURES);
  let snmpsim;
  try {
    snmpsim = await startSnmpsim({
      address: '127.61.0.1',
      port: 16_600,
      data: dir.data,
      cache: dir.cache,
      probeCommunity: dir.communities[0],
    });
    const targets = Array.from({ length: polls }, (_, index) => ({
      host: '127.61.0.1',
      port: 16_600,
      community: dir.communities[index % dir.communities.length],
    }));
    // snmpsim is one single-threaded endpoint: the agent gets the same 16 lanes as the C tools
    // (its default 64 would only queue requests inside snmpsim until they time out).
    const agent = await agentPoll(targets, { concurrency: C_WORKERS });
    log(
      `agent: ${agent.complete}/${agent.polls} complete in ${agent.ms} ms, ${agent.pollsPerSecond.toFixed(1)} polls/s`,
    );
    if (agent.failed > 0)
      notes.push(`agent vs snmpsim: ${agent.failed} polls failed ${JSON.stringify(agent.errors)}`);
    const jobs = targets.map((target, index) => ({
      ...target,
      ...planFor(DEFAULT_FIXTURES[index % DEFAULT_FIXTURES.length]),
    }));
    const c = await pollWithCTools(jobs, { workers: C_WORKERS, budgetMs: cBudgetMs });
    log(
      `C tools: ${c.complete}/${c.polls} complete in ${c.ms} ms, ${c.pollsPerSecond.toFixed(1)} polls/s`,
    );
    rows.push({ peer: 'snmpsim', printers: polls, agent, c });
  } catch (error) {
    notes.push(`snmpsim part skipped: ${error.message}`);
  } finally {
    snmpsim?.kill('SIGTERM');
    removeDataDir(dir.root);
  }
}

console.log(
  '\nFull polls (identity + counters + supplies + status + alerts), SNMP v2c over loopback',
);
console.log(
  table(
    [
      'peer',
      'polls',
      'agent polls/s',
      'agent time s',
      'agent peak RSS MB',
      'datagrams/poll',
      `C tools polls/s (${C_WORKERS} lanes)`,
      'C time s (est.)',
      'agent / C',
    ],
    rows.map(({ peer, printers, agent, c }) => [
      peer,
      fmt.int(printers),
      fmt.one(agent.pollsPerSecond),
      fmt.one(agent.ms / 1000),
      fmt.int(agent.maxRssMB),
      fmt.one(agent.datagrams.sent / agent.polls),
      c ? `${fmt.one(c.pollsPerSecond)}${c.sampled ? ` (${c.polls} sampled)` : ''}` : '-',
      c ? fmt.one(printers / c.pollsPerSecond) : '-',
      c ? `${fmt.two(agent.pollsPerSecond / c.pollsPerSecond)}x` : '-',
    ]),
  ),
);
console.log(
  `\nMachine: ${cpus().length} cores, 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end (the C tools start ~20 processes per poll and suffer most from a busy machine).`,
);
console.log(
  'Targets (issue #3): agent >= 0.5x the C tools on printer-sim; 10,000 printers <= 60 s with <= 200 MB; >= 2x the C tools against snmpsim.',
);
for (const note of notes) console.log(`note: ${note}`);
if (!haveC) console.log('note: Net-SNMP C tools not available: baseline skipped.');
