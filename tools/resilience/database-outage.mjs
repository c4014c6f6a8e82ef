// PostgreSQL stopped for 30 s, and separately frozen (SIGSTOP on the postmaster and every
// backend) for 30 s, while agents upload every few seconds and retry like apps/agent. Runs its
// own embedded PostgreSQL and central (built dist/main.js, loopback). Prints what the agents
// got in each phase, whether central stayed up, /health and /ready during each outage, the
// time until /ready is 200 again, and exactly-once storage afterwards. Asserts nothing.
//
//   node tools/resilience/database-outage.mjs [--agents 20] [--seconds 30] [--every 5] [--no-build] [--keep]
import { readFileSync, rmSync } from 'node:fs';
import {
  arg,
  buildUnlessSkipped,
  buildUpload,
  defineCentral,
  drainAgent,
  enrollAgents,
  log,
  newTally,
  percentiles,
  printTally,
  probe,
  randomSecret,
  seedDealer,
  sleep,
  startPostgres,
  verifyStorage,
  workDir,
} from './lib/system.mjs';

const agentCount = Number(arg('agents', '20'));
const outageMs = Number(arg('seconds', '30')) * 1000;
const everyMs = Number(arg('every', '5')) * 1000;

async function main() {
  buildUnlessSkipped();
  const work = workDir('database-outage');
  const postgres = await startPostgres(work);
  const central = await defineCentral({
    work,
    name: 'central',
    postgres,
    env: { JWT_SECRET: randomSecret() },
  });
  let frozen = false;
  try {
    log('starting central …');
    await central.start();
    const dealer = await seedDealer(central.web, postgres);
    const agents = await enrollAgents({
      gateways: [central.gateway],
      caPem: central.caPem(),
      registrationKey: dealer.registrationKey,
      count: agentCount,
    });

    const tally = newTally();
    tally.phase = '1 baseline';
    let producing = true;
    // Each agent writes an upload to its spool every `every` seconds and drains the spool in
    // between; one backoff per agent carries across the drains, as in the agent daemon.
    const agentLoop = async (agent) => {
      const spool = [];
      const backoff = { failures: 0 };
      for (let round = 0; producing; round++) {
        spool.push(await buildUpload(agent, { round }));
        const next = Date.now() + everyMs * (0.5 + Math.random());
        await drainAgent(agent, spool, tally, {
          gatewayFor: () => central.gateway,
          deadline: next,
          backoff,
          countLeftover: false,
        });
        await sleep(Math.max(0, next - Date.now()));
      }
      await drainAgent(agent, spool, tally, {
        gatewayFor: () => central.gateway,
        deadline: Date.now() + 5 * 60_000,
        backoff,
      });
    };

    const probes = {};
    let monitoring = true;
    const monitor = (async () => {
      while (monitoring) {
        const [health, ready] = await Promise.all([
          probe(`${central.web}/health`, 5_000),
          probe(`${central.web}/ready`, 5_000),
        ]);
        const phase = (probes[tally.phase] ??= {
          health: [],
          healthFailed: 0,
          ready: {},
          readyMs: [],
        });
        phase.health.push(health.ms);
        if (health.status !== 200) phase.healthFailed += 1;
        phase.ready[ready.status] = (phase.ready[ready.status] ?? 0) + 1;
        phase.readyMs.push(ready.ms);
        await sleep(500);
      }
    })();
    const waitReady = async () => {
      const started = performance.now();
      while ((await probe(`${central.web}/ready`, 2_000)).status !== 200) await sleep(100);
      return performance.now() - started;
    };

    log(`${agentCount} agents uploading every ~${everyMs / 1000} s; baseline …`);
    const loops = Promise.all(agents.map(agentLoop));
    await sleep(10_000);

    tally.phase = '2 database stopped';
    log('stopping PostgreSQL …');
    await postgres.stop();
    await sleep(outageMs);
    tally.phase = '3 after the stop';
    const restarting = performance.now();
    await postgres.start();
    const postgresStartMs = performance.now() - restarting;
    const readyAfterStop = postgresStartMs + (await waitReady());
    log(`PostgreSQL started again; /ready 200 after ${(readyAfterStop / 1000).toFixed(1)} s`);
    await sleep(15_000);

    tally.phase = '4 database frozen';
    log('freezing PostgreSQL (SIGSTOP) …');
    const processes = postgres.signal('SIGSTOP');
    frozen = true;
    await sleep(outageMs);
    tally.phase = '5 after the freeze';
    postgres.signal('SIGCONT');
    frozen = false;
    const readyAfterFreeze = await waitReady();
    log(`PostgreSQL thawed; /ready 200 after ${(readyAfterFreeze / 1000).toFixed(1)} s`);
    await sleep(15_000);

    producing = false;
    tally.phase = '6 draining';
    const started = performance.now();
    await loops;
    const drainMs = performance.now() - started;
    monitoring = false;
    await monitor;

    console.log(
      `\n${agentCount} agents uploading every ~${everyMs / 1000} s; PostgreSQL stopped ${outageMs / 1000} s, then frozen (${processes} processes) ${outageMs / 1000} s`,
    );
    printTally('uploads per phase (status as answered)', tally);
    console.log('  central per phase (probes every 0.5 s):');
    for (const [phase, p] of Object.entries(probes)) {
      console.log(
        `    ${phase.padEnd(20)} /health ${percentiles(p.health)} (not 200: ${p.healthFailed}); /ready statuses ${JSON.stringify(p.ready)}, ${percentiles(p.readyMs)}`,
      );
    }
    console.log(
      `  /ready 200 again: ${(readyAfterStop / 1000).toFixed(1)} s after starting PostgreSQL again (its start and migration check ${(postgresStartMs / 1000).toFixed(1)} s), ${(readyAfterFreeze / 1000).toFixed(1)} s after SIGCONT; final drain ${(drainMs / 1000).toFixed(1)} s`,
    );
    console.log(`  central process alive throughout: ${central.alive()}`);
    const storage = await verifyStorage(postgres, dealer.tenantId, tally.acked);
    console.log(`  storage: ${JSON.stringify(storage)}`);
    const logText = readFileSync(central.logFile, 'utf8');
    console.log(
      `  central log: "central failed" ${(logText.match(/central failed/g) ?? []).length}, lines ${logText.split('\n').length - 1}`,
    );
  } finally {
    if (frozen) postgres.signal('SIGCONT');
    await central.stop();
    await postgres.stop();
    if (process.argv.includes('--keep')) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  // A resilience script reports; it does not fail a pipeline.
  console.error(error);
});
