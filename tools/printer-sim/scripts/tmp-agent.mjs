import snmp from 'net-snmp';
const agent = snmp.createAgent(
  { port: 16701, address: '127.10.70.1', disableAuthorization: true },
  () => {},
);
const mib = agent.getMib();
mib.registerProvider({
  name: 'sysUpTime',
  type: snmp.MibProviderType.Scalar,
  oid: '1.3.6.1.2.1.1.3',
  scalarType: snmp.ObjectType.TimeTicks,
  maxAccess: snmp.MaxAccess['read-only'],
});
mib.setScalarValue('sysUpTime', 5);
mib.registerProvider({
  name: 'x',
  type: snmp.MibProviderType.Scalar,
  oid: '1.3.6.1.2.1.43.10.2.1.4.1',
  scalarType: snmp.ObjectType.Counter,
  maxAccess: snmp.MaxAccess['read-only'],
});
mib.setScalarValue('x', 5);
setTimeout(() => {
  agent.close();
}, 20000);
