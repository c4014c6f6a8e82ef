/** A device's identity columns as its printer reports them (a merge takes these over too). */
export const DEVICE_IDENTITY_FIELDS = [
  'manufacturer',
  'model',
  'serialNumber',
  'macAddress',
  'ipAddress',
  'hostname',
  'firmware',
  'location',
  'assetTag',
] as const;
