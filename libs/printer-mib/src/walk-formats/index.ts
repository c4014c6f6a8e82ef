export { compareOids, isUnderOid, normalizeOid, sortUnique } from './oid.js';
export { bytesToHex, hexToBytes } from './bytes.js';
export { formatSnmprec, parseSnmprec } from './snmprec.js';
export { parseSnmpwalk } from './snmpwalk.js';
export { resolveOidName } from './mib-names.js';
export { parseBrotherPyJson } from './brother-py-json.js';
export { parsePrintmasterJson } from './printmaster-json.js';
export { detectWalkFormat, parseWalk, type WalkFormat } from './parse-walk.js';
