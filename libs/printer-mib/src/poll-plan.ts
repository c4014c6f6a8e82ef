import {
  ALL_DEVICE_ID_OIDS,
  DEVICE_ID_OIDS,
  EPSON_FIRMWARE_TABLE,
  VENDOR_FIRMWARE_OIDS,
  VENDOR_HOSTNAME_OIDS,
  VENDOR_MODEL_OIDS,
  VENDOR_SERIAL_OIDS,
  vendorOf,
} from './identity.js';
import * as O from './oids.js';
import { decodeText } from './text.js';
import type { VarBind } from './types.js';
import { VarBindIndex } from './varbind-index.js';
import { isPrinterObjectId, isPrinterSysDescr, type VendorFamily } from './vendors.js';

/** Scalars to GET first: who is this (the texts that name the maker), and is it a printer at all. */
export const IDENTITY_PROBE_OIDS: readonly string[] = [
  O.SYS_DESCR,
  O.SYS_OBJECT_ID,
  O.SYS_UPTIME,
  O.SYS_CONTACT,
  O.SYS_NAME,
  O.SYS_LOCATION,
  `${O.HR_DEVICE_TYPE}.1`,
  `${O.HR_DEVICE_DESCR}.1`,
  `${O.PRT_GENERAL_PRINTER_NAME}.1`,
  `${O.PRT_GENERAL_SERIAL_NUMBER}.1`,
  `${O.PRT_MARKER_LIFE_COUNT}.1.1`,
  ...ALL_DEVICE_ID_OIDS,
];

/** What discovery asks each host first (one GET): enough for `isPrinter` on most printers. */
export const PRINTER_DETECTION_OIDS: readonly string[] = [
  O.SYS_DESCR,
  O.SYS_OBJECT_ID,
  `${O.HR_DEVICE_TYPE}.1`,
  `${O.PRT_GENERAL_SERIAL_NUMBER}.1`,
  `${O.PRT_MARKER_LIFE_COUNT}.1.1`,
];

/**
 * One GETNEXT for a device the detection GET did not settle: the first object of the
 * Printer-MIB, whichever table the device implements (supplies, marker, colorant, alert,
 * input, output…), and the first hrDeviceType row.
 */
export const PRINTER_PRESENCE_NEXT_OIDS: readonly string[] = [O.PRINT_MIB, O.HR_DEVICE_TYPE];

/** The standard subtrees that identify a device: interfaces (MAC), devices, general, PWG names. */
export const IDENTITY_SUBTREES: readonly string[] = [
  O.IF_TYPE,
  O.IF_PHYS_ADDRESS,
  O.HR_DEVICE_TYPE,
  O.HR_DEVICE_DESCR,
  O.PRT_GENERAL_PRINTER_NAME,
  O.PRT_GENERAL_SERIAL_NUMBER,
  O.PPM_PRINTER_NAME,
  O.PPM_PRINTER_IEEE1284_DEVICE_ID,
];

/** The standard subtrees of a full poll, column by column so a walk stays a few hundred varbinds. */
export const STANDARD_POLL_SUBTREES: readonly string[] = [
  O.IF_TYPE,
  O.IF_PHYS_ADDRESS,
  O.HR_DEVICE_TYPE,
  O.HR_DEVICE_DESCR,
  O.HR_DEVICE_STATUS,
  O.HR_PRINTER_TABLE,
  O.PRT_GENERAL_PRINTER_NAME,
  O.PRT_GENERAL_SERIAL_NUMBER,
  O.PRT_MARKER_COUNTER_UNIT,
  O.PRT_MARKER_LIFE_COUNT,
  O.PRT_MARKER_POWER_ON_COUNT,
  O.PRT_MARKER_PROCESS_COLORANTS,
  O.PRT_MARKER_SUPPLIES_TABLE,
  O.PRT_MARKER_COLORANT_VALUE,
  O.PRT_CONSOLE_DISPLAY_BUFFER_TEXT,
  O.PRT_ALERT_TABLE,
  O.PPM_PRINTER_NAME,
  O.PPM_PRINTER_IEEE1284_DEVICE_ID,
];

const E = O.ENTERPRISES;

/** Vendor-private counters and status: subtrees to walk and extra scalars to GET. */
const VENDOR_PLAN: Record<VendorFamily, { subtrees: string[]; scalars: string[] }> = {
  kyocera: {
    subtrees: [`${E}.1347.42.3.1`],
    scalars: [`${E}.1347.43.10.1.1.12.1.1`],
  },
  ricoh: { subtrees: [`${E}.367.3.2.1.2.19.5.1.2`, `${E}.367.3.2.1.2.19.5.1.9`], scalars: [] },
  xerox: {
    subtrees: [
      `${E}.253.8.53.13.2.1.6.1.20`,
      `${E}.253.8.53.13.2.1.6.10.20`,
      `${E}.253.8.53.13.2.1.6.11.20`,
    ],
    scalars: [],
  },
  fujifilm: {
    subtrees: [
      `${E}.253.8.53.13.2.1.6.1.20`,
      `${E}.253.8.53.13.2.1.6.10.20`,
      `${E}.253.8.53.13.2.1.6.11.20`,
    ],
    scalars: [],
  },
  canon: { subtrees: [`${E}.1602.1.11.1.3.1.4`], scalars: [] },
  hp: {
    subtrees: [],
    scalars: [5, 6, 7, 22, 34]
      .map((item) => `${E}.11.2.3.9.4.2.1.4.1.2.${item}.0`)
      .concat([43, 44, 74].map((item) => `${E}.11.2.3.9.4.2.1.2.2.1.${item}.0`)),
  },
  konicaMinolta: { subtrees: [`${E}.18334.1.1.1.5.7.2`], scalars: [] },
  sharp: { subtrees: [`${E}.2385.1.1.19.2.1.3`, `${E}.2385.1.1.19.2.1.4`], scalars: [] },
  brother: {
    subtrees: [],
    scalars: [8, 10, 11]
      .map((item) => `${E}.2435.2.3.9.4.2.1.5.5.${item}.0`)
      .concat(`${E}.2435.2.3.9.4.2.1.5.4.5.2.0`),
  },
  lexmark: {
    subtrees: [
      `${E}.641.6.4.2.1.1.4.1`,
      `${E}.641.6.4.1.1.1.2`,
      `${E}.641.6.4.1.1.1.4`,
      `${E}.641.6.4.4.1.1.5`,
      `${E}.641.6.4.4.1.1.6`,
      `${E}.641.6.4.4.1.1.7`,
    ],
    scalars: [],
  },
  toshiba: { subtrees: [`${E}.1129.2.3.50.1.3.21.6.1`], scalars: [] },
  samsung: { subtrees: [], scalars: [] },
  epson: {
    subtrees: [`${E}.1248.1.2.2.27.6.1.4`, `${E}.1248.1.2.2.27.6.1.5`],
    scalars: [3, 4, 30].map((item) => `${E}.1248.1.2.2.27.1.1.${item}.1.1`),
  },
  oki: {
    subtrees: [],
    scalars: [6, 7].map((item) => `${E}.2001.1.1.1.1.11.1.10.170.1.${item}.1`),
  },
  dell: { subtrees: [], scalars: [] },
  zebra: { subtrees: [], scalars: [2, 3].map((item) => `${E}.10642.200.17.${item}.0`) },
};

/** Vendor identity subtrees (tables, not scalars) that the identity decoder reads. */
const VENDOR_IDENTITY_SUBTREES: Partial<Record<VendorFamily, string[]>> = {
  epson: [`${EPSON_FIRMWARE_TABLE}.2`, `${EPSON_FIRMWARE_TABLE}.3`],
};

export type PollPlan = { scalars: string[]; subtrees: string[] };

function familyOf(probe: readonly VarBind[]): VendorFamily | null {
  return vendorOf(new VarBindIndex(probe)).family;
}

/**
 * From the identity probe, what `decodeIdentity` needs and nothing more: discovery reads this
 * for each printer it finds, so that it names devices exactly as a poll does.
 */
export function identityPlan(probe: readonly VarBind[]): PollPlan {
  const family = familyOf(probe);
  const scalars = [...IDENTITY_PROBE_OIDS, O.HR_SYSTEM_UPTIME, `${O.IF_DESCR}.1`];
  const subtrees = [...IDENTITY_SUBTREES];
  if (family) {
    scalars.push(
      ...(VENDOR_MODEL_OIDS[family] ?? []),
      ...(VENDOR_SERIAL_OIDS[family] ?? []),
      ...(VENDOR_FIRMWARE_OIDS[family] ?? []),
      ...(DEVICE_ID_OIDS[family] ?? []),
      ...(VENDOR_HOSTNAME_OIDS[family] ?? []),
    );
    subtrees.push(...(VENDOR_IDENTITY_SUBTREES[family] ?? []));
  }
  return { scalars: [...new Set(scalars)], subtrees: [...new Set(subtrees)] };
}

/**
 * From the identity probe, what a full poll fetches: the identity plan plus the vendor's
 * counter scalars, and the standard plus vendor subtrees.
 */
export function pollPlan(probe: readonly VarBind[]): PollPlan {
  const family = familyOf(probe);
  const identity = identityPlan(probe);
  const scalars = [...identity.scalars];
  const subtrees = [...STANDARD_POLL_SUBTREES, ...identity.subtrees];
  if (family) {
    scalars.push(...VENDOR_PLAN[family].scalars);
    subtrees.push(...VENDOR_PLAN[family].subtrees);
  }
  return { scalars: [...new Set(scalars)], subtrees: [...new Set(subtrees)] };
}

/**
 * Discovery rule: a printer implements the Printer-MIB (any real value under 1.3.6.1.2.1.43:
 * general, marker, supplies, colorant, alert, input, output… — some firmwares serve only a
 * few tables), or lists an hrDevicePrinter in its device table, or its sysObjectID lies under
 * a printer maker's printer arc, or its sysDescr is one printers write. Servers and PCs with a
 * generic SNMP agent answer none of these.
 */
export function isPrinter(varbinds: readonly VarBind[]): boolean {
  return varbinds.some(
    (varbind) =>
      (varbind.oid.startsWith(`${O.PRINT_MIB}.`) && varbind.type !== 'Null') ||
      (varbind.oid.startsWith(`${O.HR_DEVICE_TYPE}.`) &&
        varbind.type === 'ObjectIdentifier' &&
        varbind.value === O.HR_DEVICE_PRINTER) ||
      (varbind.oid === O.SYS_OBJECT_ID &&
        varbind.type === 'ObjectIdentifier' &&
        isPrinterObjectId(varbind.value)) ||
      (varbind.oid === O.SYS_DESCR &&
        varbind.type === 'OctetString' &&
        isPrinterSysDescr(decodeText(varbind.value))),
  );
}
