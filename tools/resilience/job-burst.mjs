// Job burst: many agents upload at once through central's real upload path
// (UploadsService.receive: zip, manifest signature, XML, the ingest transaction and the jobs
// published after its commit), then the background queues (replenishment evaluations, webhook
// deliveries) are watched through GET /metrics until they drain. A replenishment rule and a
// webhook endpoint (a receiver on loopback) make the jobs do real work: orders are created and
// every delivery is POSTed. Prints figures; asserts nothing.
//
//   node tools/resilience/job-burst.mjs [--agents 200] [--devices 12] [--uploads 7]
//        [--in-flight 200] [--workers 2] [--batch 25]
import { X509Certificate, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  argValue,
  build,
  centralExports,
  repoRoot,
  startBenchDatabase,
  startCentral,
  summary,
} from '../bench/billing/central-harness.mjs';

const agentCount = Number(argValue('agents', '200'));
const deviceCount = Number(argValue('devices', '12'));
const uploadsPerAgent = Number(argValue('uploads', '7'));
const inFlight = Number(argValue('in-flight', String(agentCount)));
const workers = argValue('workers', '');
const batch = argValue('batch', '');
const QUEUES = ['replenishment.evaluate', 'webhook.deliver'];
const COLORS = ['black', 'cyan', 'magenta', 'yellow'];
const start = Date.now() - 6 * 3_600_000;

const lib = (path) => import(pathToFileURL(join(repoRoot, path)).href);

function devicePayload(agent, i, upload) {
  const suffix = `${String(agent).padStart(3, '0')}${String(i).padStart(3, '0')}`;
  const address = `127.${80 + Math.floor(agent / 250)}.${agent % 250}.${i + 1}`;
  const total = 10_000 + i * 13 + upload * 40;
  return {
    address,
    identity: {
      manufacturer: 'Kyocera',
      model: 'TASKalfa 2554ci',
      serial: `BURST${suffix}`,
      mac: `00:17:c9:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`,
      ip: address,
      hostname: null,
      firmware: '2XD_S000.002.215',
      location: null,
      contact: null,
      assetTag: null,
      sysObjectId: '1.3.6.1.4.1.1347.41',
      sysDescr: null,
      uptimeSeconds: 86_400 + upload * 900,
    },
    readings: [
      {
        takenAt: new Date(start + upload * 15 * 60_000 + agent * 1000).toISOString(),
        counters: { total, mono: total - 100, color: 100, extra: {} },
        // Levels fall with every upload: some supplies cross the 10 % rule during the burst.
        supplies: COLORS.map((color, index) => {
          const percent = Math.max(0, 35 - upload * 4 - ((i + index) % 6) * 3);
          return {
            index: `1.${index + 1}`,
            description: `${color} toner`,
            type: 'toner',
            color,
            level: percent,
            maxCapacity: 100,
            percent,
            state: 'ok',
            partNumber: `TK-8345${color[0].toUpperCase()}`,
          };
        }),
        // A jam on every sixth device in every other upload: alerts open and close (webhooks).
        status:
          i % 6 === 0 && upload % 2 === 0
            ? { printer: 'other', device: 'warning', errors: ['jammed'] }
            : { printer: 'idle', device: 'running', errors: [] },
        alerts: [],
        console: 'Ready',
      },
    ],
  };
}

/** The queue gauges of one /metrics scrape. */
async function queueGauges(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const gauges = {};
  for (const queue of QUEUES) {
    const value = (name) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}{queue="${queue}"} `));
      return line ? Number(line.split(' ')[1]) : 0;
    };
    gauges[queue] = {
      depth: value('printbeat_job_queue_depth'),
      oldest: value('printbeat_job_queue_oldest_seconds'),
    };
  }
  return gauges;
}

async function main() {
  build();
  const payloadLib = await lib('libs/payload/dist/index.js');
  const pki = await lib('libs/pki/dist/index.js');
  const db = await startBenchDatabase('job-burst');
  const owner = new pg.Client({ connectionString: db.handle.ownerUrl });
  await owner.connect();

  // The webhook receiver: every POST counted by its webhook-id.
  const deliveries = new Map();
  const receiver = createServer((req, res) => {
    const id = String(req.headers['webhook-id']);
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));

  let central = null;
  try {
    central = await startCentral(db.handle, db.workDir, {
      env: {
        WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
        ...(workers ? { JOB_WORKERS: workers } : {}),
        ...(batch ? { JOB_BATCH_SIZE: batch } : {}),
      },
    });
    const { app, baseUrl } = central;
    const { UploadsService } = await centralExports('modules/uploads/uploads.service.js');
    const { WebhooksService } = await centralExports('modules/webhooks/webhooks.service.js');
    const { ReplenishmentRulesService } = await centralExports(
      'modules/replenishment/replenishment-rules.service.js',
    );
    const { tenantContext } = await centralExports('platform/tenancy/tenant-context.js');
    const { runAsAgent } = await centralExports('platform/auth/agent-principal.js');
    const { APP_CONFIG } = await centralExports('config/config.module.js');
    const config = app.get(APP_CONFIG);
    const jobSchema = config.jobQueueSchema;

    const {
      rows: [tenant],
    } = await owner.query(
      `INSERT INTO tenants (name, slug, updated_at) VALUES ('Burst dealer', 'job-burst', now()) RETURNING id`,
    );
    const asDealer = (fn) =>
      tenantContext.run(
        { tenantId: tenant.id, customerId: null, actor: { kind: 'system', name: 'job-burst' } },
        fn,
      );
    await asDealer(() =>
      app.get(ReplenishmentRulesService).create({
        name: 'Toner at 10 %',
        supplyType: 'toner',
        thresholdPercent: 10,
        cooldownHours: 0,
      }),
    );
    await asDealer(() =>
      app.get(WebhooksService).createEndpoint({
        url: `http://127.0.0.1:${receiver.address().port}/hooks`,
        eventTypes: ['supply_order.created', 'alert.opened', 'alert.closed'],
      }),
    );

    // One signing key for every agent: the manifest signature is checked against it.
    const ca = await pki.createCertificateAuthority({
      commonName: 'Job burst',
      validityDays: 2,
      modulusLength: 2048,
    });
    const certificate = new X509Certificate(ca.root.certPem);
    const agents = [];
    for (let k = 0; k < agentCount; k++) {
      const {
        rows: [customer],
      } = await owner.query(
        `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, $2, now()) RETURNING id`,
        [tenant.id, `Customer ${k + 1}`],
      );
      const {
        rows: [site],
      } = await owner.query(
        `INSERT INTO sites (tenant_id, customer_id, name, updated_at) VALUES ($1, $2, 'HQ', now()) RETURNING id`,
        [tenant.id, customer.id],
      );
      const {
        rows: [agent],
      } = await owner.query(
        `INSERT INTO agents (tenant_id, customer_id, site_id, hostname, updated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
        [tenant.id, customer.id, site.id, `burst-agent-${k + 1}`],
      );
      agents.push({
        principal: {
          agentId: agent.id,
          tenantId: tenant.id,
          customerId: customer.id,
          siteId: site.id,
          certificate,
          serial: `burst-${k}`,
          fingerprint: `burst-${k}`,
          sourceAddress: '127.0.0.1',
        },
        zips: [],
      });
    }
    process.stderr.write(`packing ${agentCount * uploadsPerAgent} uploads …\n`);
    for (const [k, agent] of agents.entries()) {
      for (let u = 0; u < uploadsPerAgent; u++) {
        const packed = await payloadLib.packUpload({
          payload: {
            version: 1,
            uploadId: randomUUID(),
            agentId: agent.principal.agentId,
            agentVersion: 'job-burst',
            createdAt: new Date(start + u * 15 * 60_000 + k * 1000 + 5_000).toISOString(),
            devices: Array.from({ length: deviceCount }, (_, i) => devicePayload(k, i, u)),
          },
          signManifest: ca.root.keyPem,
        });
        agent.zips.push(packed.zip);
      }
    }

    // Queue depth sampled every second while the burst runs and until the queues drain.
    const samples = [];
    const began = Date.now();
    let uploadsDone = null;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const at = (Date.now() - began) / 1000;
        try {
          const gauges = await queueGauges(baseUrl);
          const { rows } = await owner.query(
            `SELECT name, count(*)::int AS n FROM "${jobSchema}".job WHERE state = 'active' AND name = ANY($1) GROUP BY name`,
            [QUEUES],
          );
          const active = Object.fromEntries(rows.map((row) => [row.name, row.n]));
          samples.push({ at, gauges, active, uploading: uploadsDone === null });
        } catch (error) {
          process.stderr.write(`metrics: ${error.message}\n`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();

    // The burst: every agent sends its uploads one after another, up to --in-flight agents at once.
    const uploads = app.get(UploadsService);
    const latencies = [];
    const errors = new Map();
    let readings = 0;
    let next = 0;
    const agentLoop = async () => {
      while (next < agents.length) {
        const agent = agents[next++];
        for (const zip of agent.zips) {
          const t0 = Date.now();
          try {
            const ack = await runAsAgent(agent.principal, () =>
              uploads.receive(agent.principal, zip, undefined),
            );
            if (ack.status === 'accepted') readings += ack.readings;
          } catch (error) {
            const key = error.code ?? error.message.slice(0, 60);
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
          latencies.push(Date.now() - t0);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, agents.length) }, agentLoop));
    uploadsDone = Date.now();

    // Drained: nothing waiting or running in either queue (checked in the job table).
    const pendingJobs = async () =>
      (
        await owner.query(
          `SELECT count(*)::int AS n FROM "${jobSchema}".job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')`,
          [QUEUES],
        )
      ).rows[0].n;
    const drainDeadline = Date.now() + 15 * 60_000;
    while ((await pendingJobs()) > 0 && Date.now() < drainDeadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const drained = Date.now();
    // The last deliveries' rows: give the workers' final writes a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    sampling = false;
    await sampler;

    const uploadSeconds = (uploadsDone - began) / 1000;
    const latency = summary(latencies);
    console.log(
      `\nburst: ${agentCount} agents × ${deviceCount} devices × ${uploadsPerAgent} uploads, ${Math.min(inFlight, agentCount)} agents at once; JOB_WORKERS=${config.jobWorkers} JOB_BATCH_SIZE=${config.jobBatchSize}`,
    );
    console.log(
      `uploads: ${latencies.length - [...errors.values()].reduce((a, b) => a + b, 0)} accepted, ${readings} device readings, in ${uploadSeconds.toFixed(1)} s; latency p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms`,
    );
    if (errors.size > 0)
      console.log(`upload errors: ${JSON.stringify(Object.fromEntries(errors))}`);

    console.log(
      '\n     t (s)  phase      evaluate depth/oldest/active   webhook depth/oldest/active',
    );
    const step = Math.max(1, Math.ceil(samples.length / 40));
    samples.forEach((sample, index) => {
      if (index % step !== 0 && index !== samples.length - 1) return;
      const cell = (queue) => {
        const g = sample.gauges[queue];
        return `${String(g.depth).padStart(6)} / ${g.oldest.toFixed(1).padStart(5)} s / ${String(sample.active[queue] ?? 0).padStart(3)}`;
      };
      console.log(
        `${sample.at.toFixed(1).padStart(10)}  ${sample.uploading ? 'uploading' : 'draining '}  ${cell(QUEUES[0])}       ${cell(QUEUES[1])}`,
      );
    });
    const peak = (queue, key) => Math.max(0, ...samples.map((s) => s.gauges[queue][key]));
    for (const queue of QUEUES)
      console.log(
        `${queue}: peak depth ${peak(queue, 'depth')}, peak oldest ${peak(queue, 'oldest').toFixed(1)} s`,
      );
    console.log(
      `backlog drained ${((drained - uploadsDone) / 1000).toFixed(1)} s after the last upload${drained >= drainDeadline ? ' (NOT drained: gave up after 15 min)' : ''}`,
    );

    const { rows: jobCounts } = await owner.query(
      `SELECT name, count(*)::int AS n FROM (SELECT name FROM "${jobSchema}".job UNION ALL SELECT name FROM "${jobSchema}".archive) j WHERE name = ANY($1) GROUP BY name ORDER BY name`,
      [QUEUES],
    );
    console.log(
      `jobs queued: ${jobCounts.map((row) => `${row.name} ${row.n}`).join(', ')} (for ${latencies.length} uploads)`,
    );
    const {
      rows: [orders],
    } = await owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT device_id)::int AS devices FROM supply_orders WHERE tenant_id = $1`,
      [tenant.id],
    );
    const { rows: byStatus } = await owner.query(
      `SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 GROUP BY status ORDER BY status`,
      [tenant.id],
    );
    const posts = [...deliveries.values()].reduce((a, b) => a + b, 0);
    const twice = [...deliveries.values()].filter((n) => n > 1).length;
    console.log(`supply orders: ${orders.n} on ${orders.devices} devices`);
    console.log(
      `webhook deliveries: ${byStatus.map((row) => `${row.status} ${row.n}`).join(', ')}; receiver got ${posts} POSTs for ${deliveries.size} events, ${twice} received more than once`,
    );
  } finally {
    await central?.close();
    await owner.end();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 0;
});
