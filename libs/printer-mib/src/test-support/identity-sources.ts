import type { Identity } from '../types.js';

/** Identity fields a walk's own project states. `null` means the project states there is none. */
export type ProjectIdentity = Partial<
  Pick<
    Identity,
    'manufacturer' | 'model' | 'serial' | 'mac' | 'firmware' | 'hostname' | 'uptimeSeconds'
  >
>;

/** What the project that recorded a walk expects of it, and where it says so. */
export type IdentitySource = {
  /** Repository, file and commit where the project states the values. */
  source: string;
  /** The project takes the device for a printer. */
  printer: boolean;
  /** Why the decoder decides otherwise, when it does. */
  printerDiffers?: string;
  /** Values as the project states them (models compared after `cleanModel`). */
  expected?: ProjectIdentity;
  /** Values the project's tests only require the model to contain. */
  modelContains?: string;
  /** Fields where the decoder knowingly differs from the project, with our value and why. */
  differs?: Partial<Record<keyof ProjectIdentity, { ours: string | number | null; why: string }>>;
};

const LIBRENMS = 'librenms/librenms 4ab87302 (fixtures/snmp/SOURCES.md)';
/** A file with no tests/data JSON: LibreNMS checks only that its OS is detected, and every OS here is `type: printer`. */
const LIBRENMS_OS_DETECTION = `${LIBRENMS} tests/OSDiscoveryTest.php, resources/definitions/os_detection/<os>.yaml`;
const BROTHER_PY = 'bieniu/brother 706602bf tests/snapshots/test_init.ambr';
const PRINTMASTER_TESTS = 'mstrhakr/printmaster 2736ce67 agent/scanner/snmp_realdata_test.go';
/** The project's own parser output stored in the capture (final_manufacturer, model, serial). */
const PRINTMASTER_CAPTURE = 'mstrhakr/printmaster 948666c1 logs_review/ (keys of the capture file)';
const GLPI_MOCK = 'glpi-project/glpi-agent 77f7cdda t/agent/snmp/mock.t';

/**
 * For each walk in fixtures/snmp (the @Jetdirect context halves excepted: LibreNMS reads them
 * only with their base file), the identity its own project expects. Checked against the decoder
 * in identity-sources.spec.ts; FIXTURE_EXPECTATIONS holds the full decoded identity.
 */
export const IDENTITY_SOURCES: Record<string, IdentitySource> = {
  'librenms/brother.snmprec': {
    source: `${LIBRENMS} tests/data/brother.json`,
    printer: true,
    expected: {
      model: 'MFC-L2710DW',
      serial: '000A5J431816',
      firmware: 'Q',
      hostname: '<private>',
    },
  },
  'librenms/brother_hl5370dw.snmprec': {
    source: `${LIBRENMS} tests/data/brother_hl5370dw.json`,
    printer: true,
    expected: {
      model: 'HL-5370DW [001ba90ba752]',
      serial: 'B9J154306',
      firmware: '1.01',
      hostname: '<private>',
    },
  },
  'librenms/canonprinter_d1180.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/canonprinter_ir-adv.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/canonprinter_lbp.snmprec': {
    source: `${LIBRENMS} tests/data/canonprinter_lbp.json`,
    printer: true,
    expected: { model: 'LBP6670', serial: 'MKRA012345', firmware: 'R7.21', hostname: '<private>' },
  },
  'librenms/canonprinter_mf.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/canonprinter_tm.snmprec': {
    source: `${LIBRENMS} tests/data/canonprinter_tm.json`,
    printer: true,
    expected: { model: 'TM-5300', firmware: '01.21', hostname: '<private>' },
  },
  'librenms/dell-laser.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/dell-laser_color.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/dell-laser_mfp.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/dell-laser_s5830dn.snmprec': {
    source: `${LIBRENMS} tests/data/dell-laser_s5830dn.json`,
    printer: true,
    expected: {
      model: 'Dell S5830dn',
      serial: '7XQ1R92-132-13',
      firmware: 'NH62.YS.N636',
      hostname: '<private>',
    },
  },
  'librenms/developprinter.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/epson.snmprec': {
    source: `${LIBRENMS} tests/data/epson.json`,
    printer: true,
    expected: { serial: 'X3B8022793', hostname: '<private>' },
  },
  'librenms/fujifilmprinter_c7580.snmprec': {
    source: `${LIBRENMS} tests/data/fujifilmprinter_c7580.json`,
    printer: true,
    expected: { model: 'Apeos C7580', serial: 'TC101642170085' },
  },
  'librenms/fujifilmprinter_c810.snmprec': {
    source: `${LIBRENMS} tests/data/fujifilmprinter_c810.json`,
    printer: true,
    expected: { model: 'ApeosPro C810', serial: 'TC101630131338' },
  },
  'librenms/gestetner.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/jetdirect.snmprec': {
    source: `${LIBRENMS} tests/data/jetdirect.json`,
    printer: true,
    expected: { model: 'Color LaserJet M452nw', hostname: '<private>' },
  },
  'librenms/jetdirect_1.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/jetdirect_2.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/jetdirect_context.snmprec': {
    source: `${LIBRENMS} tests/data/jetdirect_context.json`,
    printer: true,
    expected: { model: 'Color LaserJet M452nw', hostname: '<private>' },
  },
  'librenms/jetdirect_m130nw.snmprec': {
    source: `${LIBRENMS} tests/data/jetdirect_m130nw.json`,
    printer: true,
    expected: {
      model: 'LaserJet MFP M129-M134',
      serial: 'VNCRC48198',
      firmware: '20201023',
      hostname: '<private>',
    },
    differs: {
      model: {
        ours: 'LaserJet MFP M130nw',
        why: 'LibreNMS reads the 1284 MDL, a series name; hrDeviceDescr, the 1284 DES and the sysDescr PID all name the M130nw',
      },
    },
  },
  'librenms/jetdirect_m252dw.snmprec': {
    source: `${LIBRENMS} tests/data/jetdirect_m252dw.json`,
    printer: true,
    expected: { model: 'Color LaserJet Pro M252dw', hostname: '<private>' },
  },
  'librenms/jetdirect_m880.snmprec': {
    source: `${LIBRENMS} tests/data/jetdirect_m880.json`,
    printer: true,
    expected: { model: 'Color LaserJet flow MFP M880', hostname: '<private>' },
  },
  'librenms/jetdirect_supplies_context.snmprec': {
    source: `${LIBRENMS} tests/data/jetdirect_supplies_context.json`,
    printer: true,
    expected: { model: 'Color LaserJet Test', hostname: '<private>' },
  },
  'librenms/konica.snmprec': {
    source: `${LIBRENMS} tests/data/konica.json`,
    printer: true,
    expected: { model: 'Develop ineo+ 280', firmware: '1.80', hostname: '<private>' },
  },
  'librenms/konica_2.snmprec': {
    source: `${LIBRENMS} tests/data/konica_2.json`,
    printer: true,
    expected: { hostname: '<private>' },
  },
  'librenms/konica_c250i.snmprec': {
    source: `${LIBRENMS} tests/data/konica_c250i.json`,
    printer: true,
    expected: { model: 'bizhub C250i', serial: 'AA2M021115700', firmware: '1.102' },
  },
  'librenms/kyocera.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/lanier.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/lexmarkprinter.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/nrg.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/okilan.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/okilan_9450g.snmprec': {
    source: `${LIBRENMS} tests/data/okilan_9450g.json`,
    printer: true,
    expected: { model: 'MC873', firmware: '07.87', hostname: '<private>' },
  },
  'librenms/ricoh.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/ricoh_aficio.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/ricoh_mpc2503.snmprec': {
    source: `${LIBRENMS} tests/data/ricoh_mpc2503.json`,
    printer: true,
    expected: { model: 'MP C2503', serial: 'E216R220016', firmware: '1.35' },
  },
  'librenms/ricoh_mpc3002.snmprec': {
    source: `${LIBRENMS} tests/data/ricoh_mpc3002.json`,
    printer: true,
    expected: {
      model: 'Aficio MP C3002',
      serial: 'W492KB03439',
      firmware: '2.20',
      hostname: '<private>',
    },
  },
  'librenms/samsungprinter_c.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/samsungprinter_clx.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/samsungprinter_m4080fx.snmprec': {
    source: `${LIBRENMS} tests/data/samsungprinter_m4080fx.json`,
    printer: true,
    expected: { hostname: '<private>' },
  },
  'librenms/samsungprinter_ml.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/samsungprinter_s.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/samsungprinter_scx.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/savin_c4503.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/sharp.snmprec': {
    source: `${LIBRENMS} tests/data/sharp.json`,
    printer: true,
    expected: { serial: '6509415X00', firmware: '1.04', hostname: '<private>' },
  },
  'librenms/sharp_mx2614n.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/sharp_mx3140n.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/sharp_mxc301w.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/sharp_mxm266nv.snmprec': {
    source: `${LIBRENMS} tests/data/sharp_mxm266nv.json`,
    printer: true,
    expected: {
      model: 'SHARP MX-M266NV',
      serial: '0505571100',
      firmware: '1.04',
      hostname: '<private>',
    },
  },
  'librenms/toshiba-tec_estudio2505.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/toshiba-tec_estudio305.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/toshiba-tec_ev4.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/toshiba-tec_fv4.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/toshiba-tec_sx5t.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/tsc.snmprec': {
    source: `${LIBRENMS_OS_DETECTION} (tsc.yaml: "TSC Printer")`,
    printer: true,
    expected: { manufacturer: 'TSC' },
  },
  'librenms/utax.snmprec': {
    source: `${LIBRENMS} tests/data/utax.json`,
    printer: true,
    expected: { model: 'P-4532DN', serial: 'R9L0309954', hostname: '<private>' },
  },
  'librenms/xerox.snmprec': {
    source: `${LIBRENMS} tests/data/xerox.json`,
    printer: true,
    expected: { model: 'AltaLink C8045', hostname: '<private>' },
  },
  'librenms/xerox_apeosport.snmprec': {
    source: `${LIBRENMS} tests/data/xerox_apeosport.json`,
    printer: true,
    expected: { serial: 'TC101180620073' },
  },
  'librenms/xerox_color.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/xerox_docuprint.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/xerox_phaser.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/xerox_workcentre.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'librenms/zebra.snmprec': {
    source: `${LIBRENMS} tests/data/zebra.json`,
    printer: true,
    expected: {
      model: '79071',
      serial: '7062184',
      firmware: 'V61.17.17Z',
      hostname: '6nm1pas_ab07',
    },
    differs: {
      model: {
        ours: 'ZTC TLP 2824 Plus',
        why: 'LibreNMS reads ESI-MIB genProductNumber, the product number of the print server card; ZEBRA-MIB zbrGeneralModel names the printer (glpi-agent Zebra.pm reads it first)',
      },
      serial: {
        ours: '37J162600538',
        why: "LibreNMS reads ESI-MIB genSerialNumber, the print server card's serial; ZEBRA-QL-MIB's serial is the printer's (glpi-agent Zebra.pm: more accurate)",
      },
      hostname: {
        ours: '6NM1PAS_AB07',
        why: 'LibreNMS stores sysName lower-cased; the device answers 6NM1PAS_AB07',
      },
    },
  },
  'librenms/zebra_1.snmprec': { source: LIBRENMS_OS_DETECTION, printer: true },
  'brother-py/dcp-1618w.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'DCP-1618W',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'D1605021248',
    },
  },
  'brother-py/dcp-7070dw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'DCP-7070DW',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'U1307022128VER.J',
    },
  },
  'brother-py/dcp-9020cdw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'DCP-9020CDW',
      serial: 'E71833C4J372261',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'ZA1811191217',
    },
  },
  'brother-py/dcp-j132w.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'DCP-J132W',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'Q1906110144',
    },
  },
  'brother-py/dcp-l2540dn.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'DCP-L2540DN',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'R1906110243',
    },
  },
  'brother-py/dcp-l3550cdw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'DCP-L3550CDW',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'J1906051424',
    },
  },
  'brother-py/hl-2270dw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'HL-2270DW',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: '1.16',
    },
  },
  'brother-py/hl-5350dn.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'HL-5350DN',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: null,
    },
  },
  'brother-py/hl-l2340dw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'HL-L2340DW',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: '1.17',
    },
  },
  'brother-py/mfc-5490cn.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'MFC-5490CN',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'U1005271959VER.E',
    },
  },
  'brother-py/mfc-j680dw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'MFC-J680DW',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'U1804191714VER.J',
    },
  },
  'brother-py/mfc-t910dw.json': {
    source: BROTHER_PY,
    printer: true,
    expected: {
      manufacturer: 'Brother',
      model: 'MFC-T910DW',
      serial: 'serial_number',
      mac: 'aa:bb:cc:dd:ee:ff',
      firmware: 'M2009041848',
    },
  },
  'glpi-agent/sample2.walk': {
    source: GLPI_MOCK,
    printer: true,
    expected: { hostname: 'Aficio MP 171' },
  },
  'glpi-agent/sample3.walk': {
    source: `${GLPI_MOCK}; printer by share/sysobject.ids (1248 Epson PRINTER, manufacturer fallback)`,
    printer: true,
    printerDiffers:
      'the walk holds no Printer-MIB or Host-Resources printer row, and Epson also files projectors (1248.4.1) and scan servers (1248.1.1.2.1.3.22…) under 1248, per LibreNMS tests/snmpsim/epson-*.snmprec',
    expected: { hostname: 'AL-CX11-CF9D9F', uptimeSeconds: 1022600 },
  },
  'printmaster/brother_snmp.json': {
    source: PRINTMASTER_TESTS,
    printer: true,
    expected: { manufacturer: 'Brother', model: 'HL-L8260CDW', serial: 'U64641E7J134163' },
  },
  'printmaster/epson_cw_snmp.json': {
    source: PRINTMASTER_TESTS,
    printer: true,
    expected: { manufacturer: 'Epson', model: 'CW-C6500Au', serial: 'X7F4008528' },
  },
  'printmaster/epson_sc_snmp.json': {
    source: PRINTMASTER_TESTS,
    printer: true,
    expected: { manufacturer: 'Epson' },
  },
  'printmaster/kyocera_cs4053_snmp.json': {
    source: PRINTMASTER_TESTS,
    printer: true,
    expected: { manufacturer: 'Kyocera', model: 'CS 4053ci' },
  },
  'printmaster/kyocera_p2040_snmp.json': {
    source: PRINTMASTER_TESTS,
    printer: true,
    expected: { manufacturer: 'Kyocera' },
    modelContains: 'P2040',
  },
  'printmaster/parse_debug_172_52_105_107.json': {
    source: PRINTMASTER_CAPTURE,
    printer: true,
    expected: { manufacturer: 'Epson', model: 'EPSON CW-C6000Au', serial: 'X7EN003662' },
  },
  'printmaster/parse_debug_172_52_105_114.json': {
    source: PRINTMASTER_CAPTURE,
    printer: true,
    expected: { manufacturer: 'Kyocera', model: 'ECOSYS PA4000wx', serial: '1AP5407021' },
  },
  'printmaster/parse_debug_172_52_105_162.json': {
    source: PRINTMASTER_CAPTURE,
    printer: true,
    expected: { manufacturer: 'Epson', model: 'ST-M3000 Series', serial: 'X5UJ001424' },
  },
  'printmaster/parse_debug_172_52_105_91.json': {
    source: PRINTMASTER_CAPTURE,
    printer: true,
    expected: { manufacturer: 'Epson', model: 'AM-C550 Series', serial: 'VPA9200014' },
  },
  'printmaster/parse_debug_172_52_105_95.json': {
    source: PRINTMASTER_CAPTURE,
    printer: true,
    expected: { manufacturer: 'Kyocera', model: 'TASKalfa 6052ci', serial: 'W2D8303202' },
  },
};
