import snmp from 'net-snmp';

/**
 * A plain SNMP agent that serves only the MIB-II system group, like a Linux server's
 * snmpd: it answers, but it is not a printer. Built on net-snmp's own Agent so the test
 * does not depend on the printer simulator for the "skipped" case.
 */
export type Mib2OnlyAgent = { close(): void };

type NetSnmpAgent = {
  getMib(): {
    registerProvider(provider: Record<string, unknown>): void;
    setScalarValue(name: string, value: unknown): void;
  };
  getAuthorizer(): { addCommunity(community: string): void };
  close(): void;
};

export async function startMib2OnlyAgent(
  address: string,
  port: number,
  sysDescr: string,
): Promise<Mib2OnlyAgent> {
  const api = snmp as unknown as {
    createAgent(options: Record<string, unknown>, callback: (error: unknown) => void): NetSnmpAgent;
    ObjectType: Record<string, number>;
    MibProviderType: Record<string, number>;
    MaxAccess: Record<string, number>;
  };
  const agent = api.createAgent({ port, address, disableAuthorization: false }, () => undefined);
  const mib = agent.getMib();
  const scalars: Array<[string, string, number, unknown]> = [
    ['sysDescr', '1.3.6.1.2.1.1.1', api.ObjectType.OctetString ?? 4, sysDescr],
    ['sysObjectID', '1.3.6.1.2.1.1.2', api.ObjectType.OID ?? 6, '1.3.6.1.4.1.8072.3.2.10'],
    ['sysName', '1.3.6.1.2.1.1.5', api.ObjectType.OctetString ?? 4, 'fileserver'],
  ];
  for (const [name, oid, scalarType, value] of scalars) {
    mib.registerProvider({
      name,
      type: api.MibProviderType.Scalar,
      oid,
      scalarType,
      maxAccess: api.MaxAccess['read-only'],
    });
    mib.setScalarValue(name, value);
  }
  agent.getAuthorizer().addCommunity('public');
  // The agent binds asynchronously and reports nothing when done: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { close: () => agent.close() };
}
