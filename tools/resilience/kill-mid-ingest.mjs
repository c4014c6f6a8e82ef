// Central killed with SIGKILL at a random moment while agents upload, then started again on
// the same DATA_DIR and database; the agents resend whatever was not acknowledged. Runs its own
// embedded PostgreSQL and central (built dist/main.js, loopback). Prints what was in flight at
// the kill and checks exactly-once storage: none lost, none twice. Asserts nothing.
//
//   node tools/resilience/kill-mid-ingest.mjs [--agents 50] [--rounds 4] [--no-build] [--keep]
import { readFileSync, rmSync } from 'node:fs';
import {
  arg,
  buildSpools,
  buildUnlessSkipped,
  defineCentral,
  drainAgent,
  enrollAgents,
  log,
  newTally,
  printTally,
  randomSecret,
  seedDealer,
  sleep,
  startPostgres,
  verifyStorage,
  workDir,
} from './lib/system.mjs';

const agentCount = Number(arg('agents', '50'));
const rounds = Number(arg('rounds', '4'));
const deadlineMinutes = Number(arg('minutes', '10'));

async function main() {
  buildUnlessSkipped();
  const work = workDir('kill-mid-ingest');
  const postgres = await startPostgres(work);
  // The same JWT secret across the restart, as a deployment keeps it.
  const central = await defineCentral({
    work,
    name: 'central',
    postgres,
    env: { JWT_SECRET: randomSecret() },
  });
  try {
    log('starting central …');
    await central.start();
    const dealer = await seedDealer(central.web, postgres);
    log(`enrolling ${agentCount} agents …`);
    const agents = await enrollAgents({
      gateways: [central.gateway],
      caPem: central.caPem(),
      registrationKey: dealer.registrationKey,
      count: agentCount,
    });
    const spools = await buildSpools(agents, rounds);
    const total = agentCount * rounds;

    const tally = newTally();
    const inFlight = new Set();
    const deadline = Date.now() + deadlineMinutes * 60_000;
    const started = performance.now();
    log(`uploading ${total} …`);
    const drains = Promise.all(
      agents.map((agent, i) =>
        drainAgent(agent, spools[i], tally, {
          gatewayFor: () => central.gateway,
          deadline,
          inFlight,
        }),
      ),
    );
    // A random moment during ingest: after 5 to 60 % of the uploads were acknowledged.
    const killAt = Math.ceil(total * (0.05 + Math.random() * 0.55));
    while (tally.acked.size < killAt) await sleep(20);
    const atKill = [...inFlight].map((request) => request.uploadId);
    const ackedBeforeKill = tally.acked.size;
    central.kill('SIGKILL');
    await central.exited();
    log(`killed central after ${ackedBeforeKill} acknowledgements, ${atKill.length} in flight`);
    const restartStarted = performance.now();
    await central.start();
    const restartMs = performance.now() - restartStarted;
    log(`central ready again after ${(restartMs / 1000).toFixed(1)} s`);
    await drains;
    const totalMs = performance.now() - started;

    console.log(
      `\n${agentCount} agents × ${rounds} uploads of 12 devices; central SIGKILLed after ${ackedBeforeKill}/${total} acknowledgements`,
    );
    console.log(
      `  in flight at the kill: ${atKill.length}; of these, later acknowledged as duplicate (stored before the kill, answer lost): ${
        atKill.filter((id) => tally.acked.get(id)?.code === 'duplicate').length
      }, accepted after the restart: ${atKill.filter((id) => tally.acked.get(id)?.code === 'accepted').length}`,
    );
    console.log(`  restart to /ready 200: ${(restartMs / 1000).toFixed(1)} s`);
    printTally('uploads (every attempt, before and after the kill)', tally, totalMs);
    const storage = await verifyStorage(postgres, dealer.tenantId, tally.acked);
    console.log(`  storage: ${JSON.stringify(storage)}`);
    const failed = readFileSync(central.logFile, 'utf8').match(/central failed.*/g) ?? [];
    console.log(`  "central failed" in its log: ${failed.length}`);
  } finally {
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
