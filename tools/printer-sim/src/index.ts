export { startFleet, buildFleetSpec, defaultSnmpPort, FleetError } from './fleet/fleet.js';
export type { Fleet, FleetOptions, PrinterSpec, SendTrapOptions } from './fleet/fleet.js';
export { DEFAULT_CONTROL_PORT } from './fleet/control-server.js';
export { encodePrinterAlertTrap, TrapEncodeError, type TrapTarget } from './snmp/trap.js';
export {
  fixturesDir,
  loadFixture,
  DEFAULT_FIXTURES,
  FixtureNotFoundError,
} from './fleet/fixtures.js';
export {
  isLoopbackAddress,
  assertLoopback,
  loopbackRange,
  NotLoopbackError,
} from './fleet/loopback.js';
export { FdLimitError } from './fleet/fd-limit.js';
export { SimPrinter } from './model/sim-printer.js';
export type {
  CounterSnapshot,
  PrintOptions,
  PrintRate,
  SupplySnapshot,
  V3User,
} from './model/sim-printer.js';
export { ERROR_KINDS, isErrorKind, type ErrorKind } from './model/printer-oids.js';
export { COUNTER_ROLES, type CounterRole, type PageTally } from './model/counter-roles.js';
