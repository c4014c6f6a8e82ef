import * as O from './oids.js';
import { parseDeviceId } from './text.js';
import type { Identity, VarBind } from './types.js';
import { VarBindIndex } from './varbind-index.js';
import { bytesToHex } from './walk-formats/bytes.js';
import { detectVendor, type VendorFamily, type VendorMatch } from './vendors.js';

/**
 * Vendor-private identity OIDs, tried before the standard ones (facts from the vendors' MIBs).
 * Zebra: ZEBRA-MIB zbrGeneralModel, ESI-MIB (the print server's MIB, enterprise 683)
 * model, ZEBRA-QL-MIB product name, in glpi-agent's order (lib/GLPI/Agent/SNMP/MibSupport/Zebra.pm).
 */
export const VENDOR_MODEL_OIDS: Partial<Record<VendorFamily, string[]>> = {
  brother: ['1.3.6.1.4.1.2435.2.4.3.2435.5.13.3.0'],
  canon: ['1.3.6.1.4.1.1602.1.1.1.1.0'],
  konicaMinolta: ['1.3.6.1.4.1.18334.1.1.1.1.6.2.1.0'],
  kyocera: ['1.3.6.1.4.1.1347.43.5.1.1.1.1'],
  ricoh: ['1.3.6.1.4.1.367.3.2.1.1.1.1.0'],
  samsung: ['1.3.6.1.4.1.236.11.5.11.53.31.1.4.0'],
  oki: ['1.3.6.1.4.1.2001.1.1.1.1.11.1.10.25.0'],
  epson: ['1.3.6.1.4.1.1248.1.2.2.1.1.1.2.1'],
  toshiba: ['1.3.6.1.4.1.1129.1.2.1.1.1.2.1.0'],
  lexmark: ['1.3.6.1.4.1.641.6.2.3.1.4.1'],
  zebra: [
    '1.3.6.1.4.1.10642.1.1.0',
    '1.3.6.1.4.1.683.6.2.3.2.1.15.1',
    '1.3.6.1.4.1.10642.200.19.7.0',
  ],
  dell: ['1.3.6.1.4.1.674.10898.100.2.1.2.1.3.1'],
};

/** Families whose hrDeviceDescr names a model series (`Samsung M408x Series`), not the model. */
const SYSDESCR_MODEL_FIRST = new Set<VendorFamily>(['samsung']);

/**
 * Families whose sysDescr names the network card, never the model: Zebra's print server says
 * `ZebraNet Wired PS` / `Zebra Wired` (LibreNMS reads only wired/wireless from it,
 * resources/definitions/os_discovery/zebra.yaml).
 */
const SYSDESCR_NAMES_NO_MODEL = new Set<VendorFamily>(['zebra']);

/**
 * Zebra: ZEBRA-QL-MIB serial, then ESI-MIB genSerialNumber (glpi-agent Zebra.pm: "serial3 is
 * more accurate than serial on GK420 & ZE500"; LibreNMS zebra.yaml reads genSerialNumber).
 */
export const VENDOR_SERIAL_OIDS: Partial<Record<VendorFamily, string[]>> = {
  brother: ['1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1.0'],
  canon: ['1.3.6.1.4.1.1602.1.2.1.8.1.3.1.1'],
  kyocera: ['1.3.6.1.4.1.1347.43.5.1.1.28.1'],
  ricoh: ['1.3.6.1.4.1.367.3.2.1.2.1.4.0'],
  hp: ['1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0'],
  samsung: ['1.3.6.1.4.1.236.11.5.1.1.1.4.0'],
  oki: ['1.3.6.1.4.1.2001.1.1.1.1.11.1.10.45.0'],
  epson: ['1.3.6.1.4.1.1248.1.2.2.1.1.1.5.1'],
  toshiba: ['1.3.6.1.4.1.1129.1.2.1.1.1.1.1.0'],
  lexmark: ['1.3.6.1.4.1.641.2.1.2.1.6.1', '1.3.6.1.4.1.641.6.2.3.1.5.1'],
  zebra: ['1.3.6.1.4.1.10642.200.19.5.0', '1.3.6.1.4.1.683.1.5.0'],
};

/**
 * Sharp: the private version entry LibreNMS reports as the device's version
 * (resources/definitions/os_discovery/sharp.yaml; tests/data/sharp_mxm266nv.json expects `1.04`).
 * Zebra: zbrGeneralFirmwareVersion, then ESI-MIB genVersion (glpi-agent Zebra.pm).
 */
export const VENDOR_FIRMWARE_OIDS: Partial<Record<VendorFamily, string[]>> = {
  brother: ['1.3.6.1.4.1.2435.2.4.3.1240.6.5.0', '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.17.0'],
  canon: ['1.3.6.1.4.1.1602.1.1.1.4.0'],
  konicaMinolta: ['1.3.6.1.4.1.18334.1.1.1.1.6.1.0'],
  kyocera: ['1.3.6.1.4.1.1347.43.5.4.1.5.1.1'],
  ricoh: ['1.3.6.1.4.1.367.3.2.1.1.1.2.0'],
  hp: ['1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.6.0', '1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.5.0'],
  dell: ['1.3.6.1.4.1.674.10898.100.1.1.1.0'],
  toshiba: ['1.3.6.1.4.1.1129.1.2.1.1.1.1.2.0'],
  sharp: ['1.3.6.1.4.1.2385.2.1.1.2.1.2.1'],
  zebra: ['1.3.6.1.4.1.10642.1.2.0', '1.3.6.1.4.1.683.1.9.0'],
};

/** Host names some vendors keep apart from an empty sysName. */
export const VENDOR_HOSTNAME_OIDS: Partial<Record<VendorFamily, string[]>> = {
  kyocera: ['1.3.6.1.4.1.1347.40.10.1.1.5.1'],
  ricoh: ['1.3.6.1.4.1.367.3.2.1.6.1.1.7.1'],
};

/** IEEE 1284 device-id strings (`MFG:…;MDL:…;`), by family, then the PWG port monitor one. */
export const DEVICE_ID_OIDS: Partial<Record<VendorFamily, string[]>> = {
  brother: ['1.3.6.1.4.1.2435.2.3.9.1.1.7.0'],
  hp: ['1.3.6.1.4.1.11.2.3.9.1.1.7.0'],
  xerox: ['1.3.6.1.4.1.253.8.51.1.2.1.20.1'],
  kyocera: ['1.3.6.1.4.1.1347.40.1.1.1.8.1'],
  zebra: ['1.3.6.1.4.1.10642.1.3.0'],
};

/** ifType values of Ethernet-like interfaces (ethernetCsmacd, iso88023, fastEther, gigabit), then Wi-Fi. */
const WIRED_IF_TYPES = new Set([6, 7, 62, 69, 117]);
const WIRELESS_IF_TYPES = new Set([71]);

export type IdentityResult = { identity: Identity; vendor: VendorMatch };

/** IEEE 1284 device-id texts: each family's own, then the PWG port monitor one. */
export const ALL_DEVICE_ID_OIDS: readonly string[] = [
  ...Object.values(DEVICE_ID_OIDS).flat(),
  `${O.PPM_PRINTER_IEEE1284_DEVICE_ID}.1`,
];

function deviceIdOf(index: VarBindIndex): Map<string, string> {
  const text = firstText(index, ALL_DEVICE_ID_OIDS);
  return text ? parseDeviceId(text) : new Map<string, string>();
}

/** Who made it: sysObjectID's enterprise, and the brand in sysDescr, hrDeviceDescr or 1284 id. */
export function vendorOf(index: VarBindIndex): VendorMatch {
  const deviceId = deviceIdOf(index);
  return detectVendor(index.objectId(O.SYS_OBJECT_ID), [
    index.text(O.SYS_DESCR),
    index.text(`${O.HR_DEVICE_DESCR}.${printerDeviceIndex(index)}`),
    deviceId.get('MFG') ?? deviceId.get('MANUFACTURER') ?? null,
  ]);
}

export function decodeIdentity(index: VarBindIndex): IdentityResult {
  const sysDescr = index.text(O.SYS_DESCR);
  const sysObjectId = index.objectId(O.SYS_OBJECT_ID);
  const hrDeviceDescr = index.text(`${O.HR_DEVICE_DESCR}.${printerDeviceIndex(index)}`);
  const deviceId = deviceIdOf(index);
  const vendor = vendorOf(index);
  const family = vendor.family;

  const deviceIdModel = deviceId.get('MDL') ?? deviceId.get('MODEL') ?? null;
  const rawModel =
    modelText(firstText(index, family ? (VENDOR_MODEL_OIDS[family] ?? []) : [])) ??
    (family && SYSDESCR_MODEL_FIRST.has(family) ? modelFromSysDescr(sysDescr) : null) ??
    index.text(`${O.PRT_GENERAL_PRINTER_NAME}.1`) ??
    (isGenericDescription(hrDeviceDescr) ? null : hrDeviceDescr) ??
    deviceIdModel ??
    index.text(`${O.PPM_PRINTER_NAME}.1`) ??
    (family && SYSDESCR_NAMES_NO_MODEL.has(family) ? null : modelFromSysDescr(sysDescr)) ??
    (family === 'epson' ? epsonModelFromObjectId(sysObjectId) : null);

  const serial =
    index.text(`${O.PRT_GENERAL_SERIAL_NUMBER}.1`) ??
    firstText(index, family ? (VENDOR_SERIAL_OIDS[family] ?? []) : []) ??
    serialFromSysDescr(sysDescr);

  const firmware =
    (family === 'epson' ? epsonMainFirmware(index) : null) ??
    cleanFirmware(firstText(index, family ? (VENDOR_FIRMWARE_OIDS[family] ?? []) : [])) ??
    firmwareFromSysDescr(sysDescr) ??
    firmwareFromSysDescr(index.text(`${O.IF_DESCR}.1`));

  const ticks = index.number(O.SYS_UPTIME) ?? index.number(O.HR_SYSTEM_UPTIME);
  return {
    vendor,
    identity: {
      manufacturer: vendor.manufacturer,
      model: rawModel ? cleanModel(rawModel, vendor.manufacturer) : null,
      serial,
      mac: mainMac(index),
      firmware,
      hostname:
        index.text(O.SYS_NAME) ??
        firstText(index, family ? (VENDOR_HOSTNAME_OIDS[family] ?? []) : []),
      location: index.text(O.SYS_LOCATION),
      contact: index.text(O.SYS_CONTACT),
      sysObjectId,
      sysDescr,
      uptimeSeconds: ticks === null ? null : Math.floor(ticks / 100),
    },
  };
}

/** The identity of a device from any set of its VarBinds (a discovery read or a full poll). */
export function decodeDeviceIdentity(varbinds: readonly VarBind[]): Identity {
  return decodeIdentity(new VarBindIndex(varbinds)).identity;
}

/** hrDeviceIndex of the row typed hrDevicePrinter; `1` when the table has no types. */
export function printerDeviceIndex(index: VarBindIndex): string {
  for (const [row, varbind] of index.column(O.HR_DEVICE_TYPE)) {
    if (varbind.type === 'ObjectIdentifier' && varbind.value === O.HR_DEVICE_PRINTER) return row;
  }
  return '1';
}

function firstText(index: VarBindIndex, oids: readonly string[]): string | null {
  for (const oid of oids) {
    const text = index.text(oid);
    if (text) return text;
  }
  return null;
}

/** Descriptions that name an engine platform rather than the product (`Generic 28C-1`). */
function isGenericDescription(text: string | null): boolean {
  return text === null || /^Generic\b/i.test(text);
}

const MANUFACTURER_ALIASES: Record<string, string[]> = {
  HP: ['Hewlett-Packard', 'HP'],
  OKI: ['OKI DATA', 'OKI'],
  Toshiba: ['TOSHIBA TEC', 'Toshiba'],
};

/** A model string, or the model field of an IEEE 1284 device id (`COMMAND SET:;MODEL:Dell S5830dn`). */
function modelText(text: string | null): string | null {
  if (!text || !/(^|;)\s*(MDL|MODEL):/i.test(text)) return text;
  const fields = parseDeviceId(text);
  return fields.get('MDL') ?? fields.get('MODEL') ?? null;
}

/**
 * Older Epson print servers spell the model in sysObjectID as length-prefixed ASCII
 * (`…1248.1.1.2.1.3.7.65.76.45.67.88.49.49` = `AL-CX11`); newer ones say `EEPS2` there.
 */
function epsonModelFromObjectId(sysObjectId: string | null): string | null {
  const match = sysObjectId
    ? /^1\.3\.6\.1\.4\.1\.1248\.1\.1\.2\.1\.3\.(\d+)\.([\d.]+)$/.exec(sysObjectId)
    : null;
  if (!match) return null;
  const codes = (match[2] ?? '').split('.').map(Number);
  if (codes.length !== Number(match[1]) || codes.some((code) => code < 32 || code > 126))
    return null;
  const text = String.fromCharCode(...codes);
  return /^EEPS/i.test(text) ? null : text;
}

/**
 * `Brother HL-5370DW series [001ba90ba752]` → `HL-5370DW`: drops the manufacturer's name in
 * front, a trailing ` series` and a bracketed MAC.
 */
export function cleanModel(model: string, manufacturer: string | null): string {
  let text = model.replace(/\s*\[[0-9a-fA-F:]{12,17}\]\s*$/, '').trim();
  const prefixes = manufacturer ? (MANUFACTURER_ALIASES[manufacturer] ?? [manufacturer]) : [];
  for (const prefix of prefixes) {
    if (text.toLowerCase().startsWith(`${prefix.toLowerCase()} `)) {
      text = text.slice(prefix.length + 1).trim();
      break;
    }
  }
  return text.replace(/\s+series$/i, '').trim();
}

/** `Canon LBP6670 /P`, `SHARP MX-3570N`, `Xerox Phaser 4600; System …` → the model part. */
function modelFromSysDescr(sysDescr: string | null): string | null {
  if (!sysDescr) return null;
  const attached = /Attached to ([A-Za-z0-9-]+)/.exec(sysDescr)?.[1];
  if (attached) return attached; // OKI print servers: `OkiLAN 8500e … Attached to MC342 Rev.02.70`
  if (/^(HP ETHERNET|EPSON Built-in|.*Print ?Server)/i.test(sysDescr)) {
    const pid = /PID:([^,;]+)/.exec(sysDescr)?.[1]?.trim();
    return pid ?? null;
  }
  const head = sysDescr.split(/[;,]| \/ | \/P\b| version | Version:| Series\b/i)[0]?.trim() ?? '';
  // Ricoh family: `RICOH MP C2503 1.35` ends with the firmware version.
  return head.replace(/\s+\d+(\.\d+)+$/, '').trim() || null;
}

function serialFromSysDescr(sysDescr: string | null): string | null {
  const match = sysDescr ? /\b(?:SN|S\/N)\s*:\s*([A-Za-z0-9-]+)/.exec(sysDescr) : null;
  return match?.[1] ?? null;
}

function firmwareFromSysDescr(sysDescr: string | null | undefined): string | null {
  if (!sysDescr) return null;
  const patterns = [
    /Firmware Ver\.?\s*([^\s,]+)/i,
    /Firm Ver\.?\s*([^\s,]+)/i,
    / version ([^\s,]+)/i,
    /;\s*(V\d[\w.-]*)/,
    /;\s*System ([\d.]+)/,
    /Rev\.([\d.]+)\s*:\s*Copyright/,
    /EEPROM ([^\s,]+)/,
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(sysDescr)?.[1];
    if (found) return found;
  }
  const ricoh = /^(?:RICOH|GESTETNER|LANIER|SAVIN|NRG)\b.*?\s(\d+(?:\.\d+)+)\s*(?:\/|$)/i.exec(
    sysDescr,
  );
  return ricoh?.[1] ?? null;
}

/** Epson's firmware table: the version (`.2`) of the row named "Main FW" (`.3`). */
export const EPSON_FIRMWARE_TABLE = '1.3.6.1.4.1.1248.1.2.2.2.1.1';

function epsonMainFirmware(index: VarBindIndex): string | null {
  for (const [row, name] of index.textColumn(`${EPSON_FIRMWARE_TABLE}.3`)) {
    if (/^main\s*fw$/i.test(name)) return index.text(`${EPSON_FIRMWARE_TABLE}.2.${row}`);
  }
  return null;
}

/**
 * `Firmware Ver.1.01 (08.12.12)` (Brother's brpsFirmwareDescription) → `1.01`: the version
 * word, not its build date, as LibreNMS reads it (LibreNMS/OS/Brother.php, `/Ver\.([^ ]+)/`).
 */
function cleanFirmware(text: string | null): string | null {
  if (!text) return null;
  const described = /^Firmware Ver\.?\s*(\S+)/i.exec(text.trim());
  return described?.[1] ?? (text.trim() || null);
}

/**
 * MAC of the main interface: the first wired Ethernet-like interface (ifIndex order) with a
 * 6-byte, non-zero ifPhysAddress; else the first such Wi-Fi one; else any 6-byte one.
 */
export function mainMac(index: VarBindIndex): string | null {
  const types = index.numberColumn(O.IF_TYPE);
  const candidates: { mac: string; rank: number }[] = [];
  for (const [row, varbind] of index.column(O.IF_PHYS_ADDRESS)) {
    if (varbind.type !== 'OctetString' || varbind.value.length !== 6) continue;
    if (varbind.value.every((byte) => byte === 0)) continue;
    const type = types.get(row);
    const rank =
      type === undefined ? 2 : WIRED_IF_TYPES.has(type) ? 0 : WIRELESS_IF_TYPES.has(type) ? 1 : 3;
    candidates.push({ mac: bytesToHex(varbind.value, ':'), rank });
  }
  candidates.sort((a, b) => a.rank - b.rank);
  return candidates[0]?.mac ?? null;
}
