import snmp from 'net-snmp';
const N = 20000,
  INFLIGHT = 64;
const [host, port] = process.argv.slice(2);
const s = snmp.createSession(host, 'public', {
  port: Number(port),
  version: snmp.Version2c,
  timeout: 2000,
  retries: 0,
});
let sent = 0,
  done = 0,
  errs = 0;
const t0 = performance.now();
await new Promise((resolve) => {
  const next = () => {
    if (sent >= N) {
      if (done >= N) resolve();
      return;
    }
    sent++;
    s.get(['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.43.10.2.1.4.1.0'], (e) => {
      if (e) errs++;
      done++;
      next();
      if (done >= N) resolve();
    });
  };
  for (let i = 0; i < INFLIGHT; i++) next();
});
const dt = (performance.now() - t0) / 1000;
console.log(`${N} GETs in ${dt.toFixed(2)}s = ${(N / dt).toFixed(0)}/s errs=${errs}`);
s.close();
