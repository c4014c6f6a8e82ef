import { decodeAlerts } from './alerts.js';
import { decodeCounters } from './counters/index.js';
import { decodeIdentity, printerDeviceIndex } from './identity.js';
import { decodeSupplies } from './supplies.js';
import { decodeConsole, decodeStatus } from './status.js';
import type { DeviceSnapshot, VarBind } from './types.js';
import { VarBindIndex } from './varbind-index.js';

/** Brother firmwares without a console table show their panel text here. */
const BROTHER_PANEL_TEXT = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.4.5.2.0';

/** Everything one poll of a printer says, decoded. Pure: the same VarBinds give the same snapshot. */
export function decodeSnapshot(varbinds: readonly VarBind[]): DeviceSnapshot {
  const index = new VarBindIndex(varbinds);
  const { identity, vendor } = decodeIdentity(index);
  return {
    identity,
    counters: decodeCounters(index, vendor.family, identity.model),
    supplies: decodeSupplies(index, vendor.family, identity.model),
    status: decodeStatus(index, printerDeviceIndex(index)),
    alerts: decodeAlerts(index),
    console: decodeConsole(index, vendor.family === 'brother' ? [BROTHER_PANEL_TEXT] : []),
  };
}
