// A burst of enrolled agents uploading at once: each sends its spool of signed 12-device zips
// and retries 503s after Retry-After, as apps/agent does. Runs its own embedded PostgreSQL and
// central (built dist/main.js, loopback). Prints statuses, latency, time, and checks in the
// database that every acknowledged upload is stored exactly once. Asserts nothing.
//
//   node tools/resilience/agents-burst.mjs [--agents 200] [--rounds 2] [--no-build] [--keep]
import { rmSync } from 'node:fs';
import {
  arg,
  buildSpools,
  buildUnlessSkipped,
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

const agentCount = Number(arg('agents', '200'));
const rounds = Number(arg('rounds', '2'));
const deadlineMinutes = Number(arg('minutes', '10'));

async function main() {
  buildUnlessSkipped();
  const work = workDir('agents-burst');
  const postgres = await startPostgres(work);
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
    log(`packing ${agentCount * rounds} uploads …`);
    const spools = await buildSpools(agents, rounds);

    log('burst …');
    const tally = newTally();
    const health = [];
    let running = true;
    const healthLoop = (async () => {
      while (running) {
        health.push((await probe(`${central.web}/health`, 5_000)).ms);
        await sleep(250);
      }
    })();
    const started = performance.now();
    const deadline = Date.now() + deadlineMinutes * 60_000;
    await Promise.all(
      agents.map((agent, i) =>
        drainAgent(agent, spools[i], tally, { gatewayFor: () => central.gateway, deadline }),
      ),
    );
    const totalMs = performance.now() - started;
    running = false;
    await healthLoop;

    console.log(
      `\n${agentCount} agents × ${rounds} uploads of 12 devices, all at once (central alive: ${central.alive()})`,
    );
    printTally('uploads', tally, totalMs);
    console.log(`  /health during the burst: ${percentiles(health)}`);
    const storage = await verifyStorage(postgres, dealer.tenantId, tally.acked);
    console.log(`  storage: ${JSON.stringify(storage)}`);
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
