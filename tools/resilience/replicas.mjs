// Two central replicas on one PostgreSQL (same DATABASE_URL, JOB_QUEUE_SCHEMA,
// RATE_LIMIT_SCHEMA, DATA_DIR and secrets), agents spread over both behind a simulated load
// balancer that sends a dead replica's agents to the other; one replica is SIGKILLed mid-run.
// Prints: every upload stored once, replenishment orders not duplicated (one open order per
// low supply), their webhooks delivered to a loopback receiver, the sign-in rate limit shared
// across replicas, and no loss. Asserts nothing.
//
//   node tools/resilience/replicas.mjs [--agents 40] [--rounds 4] [--no-build] [--keep]
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
import {
  arg,
  buildSpools,
  buildUnlessSkipped,
  defineCentral,
  drainAgent,
  enrollAgents,
  graphql,
  log,
  newTally,
  PASSWORD,
  printTally,
  randomSecret,
  seedDealer,
  SIGN_IN,
  sleep,
  startPostgres,
  verifyStorage,
  workDir,
} from './lib/system.mjs';

const agentCount = Number(arg('agents', '40'));
const rounds = Number(arg('rounds', '4'));
const SIGN_IN_LIMIT = 10;
const TONER_PERCENT = 10;

async function main() {
  buildUnlessSkipped();
  const work = workDir('replicas');
  const postgres = await startPostgres(work);
  const shared = {
    JWT_SECRET: randomSecret(),
    CA_KEY_PASSPHRASE: randomSecret(),
    JOB_QUEUE_SCHEMA: 'pgboss_resilience',
    RATE_LIMIT_SCHEMA: 'rate_limits_resilience',
    SIGN_IN_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT),
    WEBHOOK_ALLOWED_TARGETS: '127.0.0.0/8',
  };
  // The dealer's webhook receiver: every delivery's event id and order id.
  const deliveries = [];
  const receiver = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        deliveries.push({ eventId: request.headers['webhook-id'], orderId: body.data?.id });
      } catch {
        deliveries.push({ eventId: request.headers['webhook-id'], orderId: null });
      }
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const replicas = [
    await defineCentral({ work, name: 'replica-a', postgres, env: shared }),
    await defineCentral({ work, name: 'replica-b', postgres, env: shared }),
  ];
  const [a, b] = replicas;
  try {
    // Both at once: the one that loses the race to create the CA uses the winner's.
    log('starting two replicas …');
    await Promise.all(replicas.map((replica) => replica.start()));
    const dealer = await seedDealer(a.web, postgres, { thresholdPercent: 20 });
    const hook = await graphql(
      a.web,
      `
        mutation ($input: CreateWebhookEndpointInput!) {
          createWebhookEndpoint(input: $input) {
            secret
          }
        }
      `,
      {
        input: {
          url: `http://127.0.0.1:${receiver.address().port}/hooks`,
          eventTypes: ['SUPPLY_ORDER_CREATED'],
        },
      },
      dealer.token,
    );
    if (hook.errors) throw new Error(`createWebhookEndpoint: ${JSON.stringify(hook.errors)}`);

    // Sign-in attempts from one address of their own, alternating between the replicas.
    const signIns = [];
    for (let i = 0; i < SIGN_IN_LIMIT + 4; i++) {
      const replica = replicas[i % 2];
      const body = await graphql(
        replica.web,
        SIGN_IN,
        { e: 'admin@resilience.local', p: PASSWORD },
        undefined,
        { localAddress: '127.0.0.23' },
      );
      signIns.push(`${replica.name}:${body.errors?.[0]?.extensions?.code ?? 'OK'}`);
    }

    log(`enrolling ${agentCount} agents over both replicas …`);
    const agents = await enrollAgents({
      gateways: replicas.map((replica) => replica.gateway),
      caPem: a.caPem(),
      registrationKey: dealer.registrationKey,
      count: agentCount,
    });
    const spools = await buildSpools(agents, rounds, { tonerPercent: TONER_PERCENT });
    const total = agentCount * rounds;

    // The load balancer: an agent's own replica while it is alive, else the other one.
    const gatewayFor = (agent) => {
      const own = replicas[agent.index % 2];
      return own.alive() ? own.gateway : replicas[(agent.index + 1) % 2].gateway;
    };
    const tally = newTally();
    const inFlight = new Set();
    const deadline = Date.now() + 10 * 60_000;
    log(`uploading ${total} …`);
    const started = performance.now();
    const drains = Promise.all(
      agents.map((agent, i) =>
        drainAgent(agent, spools[i], tally, { gatewayFor, deadline, inFlight }),
      ),
    );
    const killAt = Math.ceil(total * (0.1 + Math.random() * 0.4));
    while (tally.acked.size < killAt) await sleep(20);
    const atKill = [...inFlight].filter((request) => request.agent % 2 === 1).length;
    b.kill('SIGKILL');
    log(
      `replica-b killed after ${tally.acked.size} acknowledgements (${atKill} of its uploads in flight)`,
    );
    await drains;
    const totalMs = performance.now() - started;

    // Let the jobs catch up: every low supply should get its one order.
    const client = new pg.Client({ connectionString: postgres.ownerUrl });
    await client.connect();
    const orderFigures = async () => {
      const { rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM supplies WHERE tenant_id = $1) AS supplies,
                (SELECT count(*)::int FROM supply_orders WHERE tenant_id = $1) AS orders,
                (SELECT count(*)::int FROM supply_orders WHERE tenant_id = $1 AND status = 'OPEN') AS open,
                (SELECT count(*)::int FROM (SELECT supply_id FROM supply_orders WHERE tenant_id = $1
                   GROUP BY supply_id HAVING count(*) > 1) AS twice) AS supplies_ordered_twice,
                (SELECT count(*)::int FROM supplies s WHERE s.tenant_id = $1 AND NOT EXISTS
                   (SELECT 1 FROM supply_orders o WHERE o.tenant_id = s.tenant_id AND o.supply_id = s.id)) AS supplies_without_order`,
        [dealer.tenantId],
      );
      return rows[0];
    };
    const jobsStarted = performance.now();
    let orders = await orderFigures();
    while (orders.supplies_without_order > 0 && performance.now() - jobsStarted < 180_000) {
      await sleep(1_000);
      orders = await orderFigures();
    }
    const jobsMs = performance.now() - jobsStarted;
    // Then up to a minute more for the webhooks of the orders there are.
    const orderIds = async () =>
      (
        await client.query(`SELECT id FROM supply_orders WHERE tenant_id = $1`, [dealer.tenantId])
      ).rows.map((row) => row.id);
    let ids = await orderIds();
    const hooksStarted = Date.now();
    while (Date.now() - hooksStarted < 60_000) {
      const delivered = new Set(deliveries.map((delivery) => delivery.orderId));
      if (ids.every((id) => delivered.has(id))) break;
      await sleep(1_000);
      ids = await orderIds();
    }
    const jobs = await client.query(
      `SELECT name, state, count(*)::int AS jobs FROM pgboss_resilience.job
        WHERE name NOT LIKE '\\_\\_%' GROUP BY name, state ORDER BY name, state`,
    );
    await client.end();

    console.log(
      `\nTwo replicas on one PostgreSQL; ${agentCount} agents × ${rounds} uploads of 12 devices (toner at ${TONER_PERCENT} %, rule: order below 20 %); replica-b SIGKILLed after ${killAt}/${total} acknowledgements`,
    );
    console.log(`  sign-in limit ${SIGN_IN_LIMIT}/min per address, shared: ${signIns.join(', ')}`);
    console.log(
      `  replica-b uploads in flight at the kill: ${atKill}; replica-a alive: ${a.alive()}`,
    );
    printTally('uploads (every attempt)', tally, totalMs);
    const storage = await verifyStorage(postgres, dealer.tenantId, tally.acked);
    console.log(`  storage: ${JSON.stringify(storage)}`);
    console.log(
      `  orders after ${(jobsMs / 1000).toFixed(1)} s of jobs: ${JSON.stringify(orders)}`,
    );
    const perEvent = new Map();
    for (const delivery of deliveries)
      perEvent.set(delivery.eventId, (perEvent.get(delivery.eventId) ?? 0) + 1);
    const delivered = new Set(deliveries.map((delivery) => delivery.orderId));
    console.log(
      `  webhooks (supply_order.created): ${deliveries.length} deliveries, ${perEvent.size} events, delivered more than once ${
        [...perEvent.values()].filter((times) => times > 1).length
      }, orders without a delivery ${ids.filter((id) => !delivered.has(id)).length} of ${ids.length}, deliveries for no order ${
        [...delivered].filter((id) => !ids.includes(id)).length
      }`,
    );
    console.log(
      `  jobs: ${jobs.rows.map((row) => `${row.name} ${row.state} ${row.jobs}`).join('; ')}`,
    );
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await postgres.stop();
    receiver.close();
    if (process.argv.includes('--keep')) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  // A resilience script reports; it does not fail a pipeline.
  console.error(error);
});
