/** Numeric OIDs of the standard MIBs the decoder reads (no leading dot). */

// MIB-II system (RFC 3418)
export const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
export const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';
export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
export const SYS_CONTACT = '1.3.6.1.2.1.1.4.0';
export const SYS_NAME = '1.3.6.1.2.1.1.5.0';
export const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';

// IF-MIB ifTable columns (RFC 2863)
export const IF_DESCR = '1.3.6.1.2.1.2.2.1.2';
export const IF_TYPE = '1.3.6.1.2.1.2.2.1.3';
export const IF_PHYS_ADDRESS = '1.3.6.1.2.1.2.2.1.6';

// HOST-RESOURCES-MIB (RFC 2790)
export const HR_SYSTEM_UPTIME = '1.3.6.1.2.1.25.1.1.0';
export const HR_DEVICE_TYPE = '1.3.6.1.2.1.25.3.2.1.2';
export const HR_DEVICE_DESCR = '1.3.6.1.2.1.25.3.2.1.3';
export const HR_DEVICE_STATUS = '1.3.6.1.2.1.25.3.2.1.5';
export const HR_DEVICE_PRINTER = '1.3.6.1.2.1.25.3.1.5';
export const HR_PRINTER_STATUS = '1.3.6.1.2.1.25.3.5.1.1';
export const HR_PRINTER_DETECTED_ERROR_STATE = '1.3.6.1.2.1.25.3.5.1.2';
export const HR_DEVICE_TABLE = '1.3.6.1.2.1.25.3.2';
export const HR_PRINTER_TABLE = '1.3.6.1.2.1.25.3.5';

// Printer-MIB (RFC 3805)
export const PRINT_MIB = '1.3.6.1.2.1.43';
export const PRT_GENERAL_TABLE = '1.3.6.1.2.1.43.5.1';
export const PRT_GENERAL_RESET = '1.3.6.1.2.1.43.5.1.1.3';
export const PRT_GENERAL_PRINTER_NAME = '1.3.6.1.2.1.43.5.1.1.16';
export const PRT_GENERAL_SERIAL_NUMBER = '1.3.6.1.2.1.43.5.1.1.17';
export const PRT_MARKER_TABLE = '1.3.6.1.2.1.43.10.2';
export const PRT_MARKER_COUNTER_UNIT = '1.3.6.1.2.1.43.10.2.1.3';
export const PRT_MARKER_LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4';
export const PRT_MARKER_POWER_ON_COUNT = '1.3.6.1.2.1.43.10.2.1.5';
export const PRT_MARKER_PROCESS_COLORANTS = '1.3.6.1.2.1.43.10.2.1.6';
export const PRT_MARKER_SUPPLIES_TABLE = '1.3.6.1.2.1.43.11.1';
export const PRT_MARKER_SUPPLIES_COLORANT_INDEX = '1.3.6.1.2.1.43.11.1.1.3';
export const PRT_MARKER_SUPPLIES_CLASS = '1.3.6.1.2.1.43.11.1.1.4';
export const PRT_MARKER_SUPPLIES_TYPE = '1.3.6.1.2.1.43.11.1.1.5';
export const PRT_MARKER_SUPPLIES_DESCRIPTION = '1.3.6.1.2.1.43.11.1.1.6';
export const PRT_MARKER_SUPPLIES_SUPPLY_UNIT = '1.3.6.1.2.1.43.11.1.1.7';
export const PRT_MARKER_SUPPLIES_MAX_CAPACITY = '1.3.6.1.2.1.43.11.1.1.8';
export const PRT_MARKER_SUPPLIES_LEVEL = '1.3.6.1.2.1.43.11.1.1.9';
export const PRT_MARKER_COLORANT_TABLE = '1.3.6.1.2.1.43.12.1';
export const PRT_MARKER_COLORANT_VALUE = '1.3.6.1.2.1.43.12.1.1.4';
export const PRT_CONSOLE_DISPLAY_BUFFER_TABLE = '1.3.6.1.2.1.43.16.5';
export const PRT_CONSOLE_DISPLAY_BUFFER_TEXT = '1.3.6.1.2.1.43.16.5.1.2';
export const PRT_ALERT_TABLE = '1.3.6.1.2.1.43.18.1';
export const PRT_ALERT_SEVERITY_LEVEL = '1.3.6.1.2.1.43.18.1.1.2';
export const PRT_ALERT_TRAINING_LEVEL = '1.3.6.1.2.1.43.18.1.1.3';
export const PRT_ALERT_GROUP = '1.3.6.1.2.1.43.18.1.1.4';
export const PRT_ALERT_CODE = '1.3.6.1.2.1.43.18.1.1.7';
export const PRT_ALERT_DESCRIPTION = '1.3.6.1.2.1.43.18.1.1.8';
export const PRT_ALERT_INDEX = '1.3.6.1.2.1.43.18.1.1.1';
export const PRT_ALERT_GROUP_INDEX = '1.3.6.1.2.1.43.18.1.1.5';
export const PRT_ALERT_LOCATION = '1.3.6.1.2.1.43.18.1.1.6';
/** The SNMPv1 enterprise of the alert trap (specific-trap 1); RFC 3805 printerV1Alert. */
export const PRINTER_V1_ALERT = '1.3.6.1.2.1.43.18.2';
/** RFC 3805 printerV2Alert ::= { printerV2AlertPrefix 1 }, printerV2AlertPrefix ::= { printerV1Alert 0 }. */
export const PRINTER_V2_ALERT = '1.3.6.1.2.1.43.18.2.0.1';

// SNMPv2-MIB (RFC 3418): the varbind naming a notification in SNMPv2 traps and informs
export const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';

// PWG Port Monitor MIB (ppmPrinterTable): printer name and IEEE 1284 device id
export const PPM_PRINTER_TABLE = '1.3.6.1.4.1.2699.1.2.1.2.1';
export const PPM_PRINTER_NAME = '1.3.6.1.4.1.2699.1.2.1.2.1.1.2';
export const PPM_PRINTER_IEEE1284_DEVICE_ID = '1.3.6.1.4.1.2699.1.2.1.2.1.1.3';

export const ENTERPRISES = '1.3.6.1.4.1';
