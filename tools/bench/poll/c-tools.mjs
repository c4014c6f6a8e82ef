// Baseline: the same OIDs fetched by Net-SNMP's C command-line tools (Debian package `snmp`),
// as a shell-script poller would: snmpget for the identity probe, snmpget for the other scalars,
// then one snmpbulkwalk per subtree, printers handled by `workers` parallel lanes.
import { execFile } from 'node:child_process';

function run(command, args) {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: { ...process.env, MIBS: '' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        resolve({
          ok: error === null,
          lines: error === null ? stdout.split('\n').filter(Boolean).length : 0,
        });
      },
    );
  });
}

/**
 * jobs: [{ host, port, community, probe: [oid], scalars: [oid], subtrees: [oid] }]
 * Stops starting new printers after `budgetMs` and reports the rate over what was done.
 */
export async function pollWithCTools(
  jobs,
  { workers = 16, budgetMs = 30_000, timeoutSeconds = 2, retries = 1, maxRepetitions = 25 } = {},
) {
  const started = performance.now();
  let next = 0;
  let complete = 0;
  let failed = 0;
  let processes = 0;
  let values = 0;
  const lane = async () => {
    while (next < jobs.length && performance.now() - started < budgetMs) {
      const job = jobs[next++];
      const target = `${job.host}:${job.port}`;
      const common = [
        '-v2c',
        '-c',
        job.community ?? 'public',
        '-On',
        '-t',
        String(timeoutSeconds),
        '-r',
        String(retries),
      ];
      let ok = true;
      const steps = [['snmpget', [...common, target, ...job.probe]]];
      if (job.scalars.length > 0) steps.push(['snmpget', [...common, target, ...job.scalars]]);
      for (const subtree of job.subtrees)
        steps.push(['snmpbulkwalk', [...common, `-Cr${maxRepetitions}`, target, subtree]]);
      for (const [command, args] of steps) {
        const result = await run(command, args);
        processes += 1;
        values += result.lines;
        if (!result.ok) {
          ok = false;
          break;
        }
      }
      if (ok) complete += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  const ms = performance.now() - started;
  const polls = complete + failed;
  return {
    polls,
    complete,
    failed,
    processes,
    values,
    ms: Math.round(ms),
    pollsPerSecond: (polls / ms) * 1000,
    sampled: polls < jobs.length,
  };
}
