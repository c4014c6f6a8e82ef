// The fleet benchmarks' tenant: N customers × M devices with a year of hourly meter reads
// (stored as central stores them: an hour's reading where the counters moved, i.e. the office
// hours a printer printed), four toners each, open alerts, active supply orders and some
// silent devices. Written straight into the bench database as the owner role. Shared by
// tools/bench/fleet, tools/bench/billing-export and tools/bench/reconciliation.
import { performance } from 'node:perf_hooks';
import { argValue } from '../billing/central-harness.mjs';

/** The fleet's size from the command line (`--customers --devices-per-customer --days --print-hours`). */
export function fleetArgs() {
  return {
    customers: Number(argValue('customers', '20')),
    perCustomer: Number(argValue('devices-per-customer', '500')),
    days: Number(argValue('days', '365')),
    printHours: Number(argValue('print-hours', '0.75')),
  };
}

/**
 * Seeds the tenant; returns its id, the number of meter reads, the load time and a real IP
 * address of one of its devices.
 */
export async function seedFleet(
  owner,
  { customers, perCustomer, days, printHours, slug = 'bench-fleet' },
) {
  const {
    rows: [tenant],
  } = await owner.query(
    `INSERT INTO tenants (name, slug, updated_at) VALUES ('Bench dealer', $1, now()) RETURNING id`,
    [slug],
  );
  const tenantId = tenant.id;
  const yearAgo = new Date(Date.now() - days * 86_400_000);
  for (let c = 0; c < customers; c++) {
    const {
      rows: [customer],
    } = await owner.query(
      `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, $2, now()) RETURNING id`,
      [tenantId, `Customer ${c + 1}`],
    );
    const {
      rows: [site],
    } = await owner.query(
      `INSERT INTO sites (tenant_id, customer_id, name, updated_at) VALUES ($1, $2, 'HQ', now()) RETURNING id`,
      [tenantId, customer.id],
    );
    // Devices: 3 % silent (last seen 3–10 days ago), the rest seen within the hour; a quarter
    // without a hostname, a fifth without a location; first seen over the year.
    await owner.query(
      `INSERT INTO devices (tenant_id, customer_id, site_id, manufacturer, model, serial_number, mac_address,
         ip_address, hostname, location, detected_errors, first_seen_at, created_at, last_seen_at, last_meter_read_at, updated_at)
       SELECT $1, $2, $3,
         (ARRAY['Kyocera','HP','Ricoh','Brother','Canon','Konica Minolta'])[1 + (g * 7 + $4) % 6],
         (ARRAY['TASKalfa 2554ci','LaserJet M479','IM C3000','MFC-L8900','iR-ADV C5535','bizhub C300i','ECOSYS M2540dn'])[1 + (g * 11 + $4) % 7],
         'SN' || lpad($4::text, 2, '0') || lpad(g::text, 5, '0'),
         lower(to_hex(2748779069440 + $4 * 100000 + g)),
         '127.' || $4 || '.' || (g / 250) || '.' || (1 + g % 250),
         CASE WHEN g % 4 = 0 THEN NULL ELSE 'prn-' || $4 || '-' || g END,
         CASE WHEN g % 5 = 0 THEN NULL ELSE 'Floor ' || (g % 9) || ', room ' || (g % 37) END,
         '{}',
         $5::timestamptz + (g * interval '17 minutes'),
         $5::timestamptz + (g * interval '17 minutes'),
         CASE WHEN (g * 31 + $4) % 100 < 3 THEN now() - interval '3 days' - (g % 7) * interval '1 day'
              ELSE now() - (g % 60) * interval '1 minute' END,
         NULL, now()
       FROM generate_series(0, $6 - 1) g`,
      [tenantId, customer.id, site.id, c, yearAgo, perCustomer],
    );
  }

  // Four toners each; about 6 % of devices have one at or below 15 %. Last changed a day ago,
  // as in a fleet at rest: the replenishment sweep every 15 minutes evaluates devices whose
  // supplies changed in the last 20, and with every supply just written it would evaluate all
  // 10,000 devices at once, in the middle of a measurement.
  await owner.query(
    `INSERT INTO supplies (tenant_id, customer_id, device_id, supply_key, description, type, color, percent, state, updated_at)
     SELECT d.tenant_id, d.customer_id, d.id, k.key, k.color || ' toner', 'toner', k.color,
       CASE WHEN abs(hashtext(d.id::text || k.key)) % 70 = 0 THEN abs(hashtext(d.id::text)) % 15
            ELSE 16 + abs(hashtext(d.id::text || k.key)) % 84 END,
       NULL, now() - interval '1 day'
     FROM devices d CROSS JOIN (VALUES ('black','black'), ('cyan','cyan'), ('magenta','magenta'), ('yellow','yellow')) k(key, color)
     WHERE d.tenant_id = $1`,
    [tenantId],
  );
  // Active supply orders for 2 % of devices, and fulfilled ones for 10 %.
  await owner.query(
    `INSERT INTO supply_orders (tenant_id, customer_id, device_id, supply_id, supply_key, status, reason, active_key, updated_at)
     SELECT s.tenant_id, s.customer_id, s.device_id, s.id, s.supply_key,
       CASE WHEN abs(hashtext(s.device_id::text)) % 50 = 0 THEN 'OPEN' ELSE 'FULFILLED' END::"SupplyOrderStatus",
       'THRESHOLD',
       CASE WHEN abs(hashtext(s.device_id::text)) % 50 = 0 THEN s.id END, now()
     FROM supplies s
     WHERE s.tenant_id = $1 AND s.supply_key = 'black' AND abs(hashtext(s.device_id::text)) % 10 = 0`,
    [tenantId],
  );
  // Open alerts: 5 % WARNING, 1 % CRITICAL, 10 % INFO; and three closed alerts per device.
  await owner.query(
    `INSERT INTO alerts (tenant_id, customer_id, device_id, code, severity, source, opened_at, last_seen_at, closed_at, open_key)
     SELECT d.tenant_id, d.customer_id, d.id, a.code, a.severity::"AlertSeverity", 'DEVICE_STATUS',
       now() - interval '2 hours', now(), NULL, d.id || ':' || a.code
     FROM devices d CROSS JOIN (VALUES ('TONER_LOW','WARNING',20), ('JAM','CRITICAL',100), ('OUTPUT_NEAR_FULL','INFO',10)) a(code, severity, every)
     WHERE d.tenant_id = $1 AND abs(hashtext(d.id::text || a.code)) % a.every = 0
     UNION ALL
     SELECT d.tenant_id, d.customer_id, d.id, 'DOOR_OPEN', 'CRITICAL', 'DEVICE_STATUS',
       now() - n * interval '20 days', now() - n * interval '20 days', now() - n * interval '20 days' + interval '1 hour', NULL
     FROM devices d CROSS JOIN generate_series(1, 3) n WHERE d.tenant_id = $1`,
    [tenantId],
  );

  // A year of hourly readings, stored where the counters moved: office hours a printer printed.
  await owner.query('ALTER TABLE meter_reads DISABLE TRIGGER ALL');
  await owner.query('SET synchronous_commit = off');
  const { rows: customerRows } = await owner.query(
    `SELECT id FROM customers WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  );
  let reads = 0;
  const started = performance.now();
  for (const [index, customer] of customerRows.entries()) {
    const { rowCount } = await owner.query(
      `INSERT INTO meter_reads (tenant_id, customer_id, device_id, read_at, last_seen_at, counters)
       SELECT d.tenant_id, d.customer_id, d.id, h, h,
         json_build_object('total', n * 13, 'mono', n * 10, 'color', n * 3)
       FROM devices d
       CROSS JOIN LATERAL (
         SELECT h, row_number() OVER (ORDER BY h) AS n
         FROM generate_series(date_trunc('hour', $3::timestamptz), now() - interval '1 hour', interval '1 hour') h
         WHERE extract(isodow FROM h) < 6 AND extract(hour FROM h) BETWEEN 7 AND 16
           AND abs(hashtext(d.id::text || h::text)) % 1000 < $4
       ) r
       WHERE d.tenant_id = $1 AND d.customer_id = $2`,
      [tenantId, customer.id, yearAgo, Math.round(printHours * 1000)],
    );
    reads += rowCount;
    process.stderr.write(
      `\r  meter reads: customer ${index + 1}/${customerRows.length}, ${reads.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  process.stderr.write('\n');
  await owner.query('ALTER TABLE meter_reads ENABLE TRIGGER ALL');
  await owner.query(
    `UPDATE devices d SET last_meter_read_at = m.read_at
     FROM (SELECT device_id, max(read_at) AS read_at FROM meter_reads WHERE tenant_id = $1 GROUP BY device_id) m
     WHERE d.tenant_id = $1 AND d.id = m.device_id`,
    [tenantId],
  );
  await owner.query('VACUUM (ANALYZE)');
  const {
    rows: [sizes],
  } = await owner.query(
    `SELECT pg_size_pretty(pg_total_relation_size('meter_reads')) AS reads_size,
            (SELECT count(*) FROM devices WHERE tenant_id = $1)::int AS devices,
            (SELECT ip_address FROM devices WHERE tenant_id = $1 ORDER BY serial_number
              OFFSET (SELECT count(*) / 3 FROM devices WHERE tenant_id = $1) LIMIT 1) AS ip`,
    [tenantId],
  );
  return { tenantId, reads, loadSeconds: (performance.now() - started) / 1000, ...sizes };
}

/** What was seeded, in one line: devices, customers, meter reads and their size on disk. */
export function dataLine(data, { customers, perCustomer, days }) {
  return `data: ${data.devices.toLocaleString('en')} devices (${customers} customers × ${perCustomer}), ${data.reads.toLocaleString('en')} meter reads (${days} days of hourly readings, stored where counters moved), meter_reads ${data.reads_size}`;
}
