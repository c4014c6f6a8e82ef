// net-snmp ships no type declarations; these cover only the pieces this package uses.
declare module 'net-snmp' {
  type Engine = { engineID: Buffer; engineBoots: number; engineTime: number };
  const snmp: {
    AuthProtocols: Record<string, number>;
    PrivProtocols: Record<string, number>;
    Authentication: {
      getParametersLength(authProtocol: number): number;
      calculateDigest(message: Buffer, authProtocol: number, authPassword: string, engineId: Buffer): Buffer;
    };
    Encryption: {
      encryptPdu(
        privProtocol: number,
        scopedPdu: Buffer,
        privPassword: string,
        authProtocol: number,
        engine: Engine,
      ): { encryptedPdu: Buffer; msgPrivacyParameters: Buffer };
      decryptPdu(
        privProtocol: number,
        encryptedPdu: Buffer,
        privParameters: Buffer,
        privPassword: string,
        authProtocol: number,
        engine: Engine,
      ): Buffer;
    };
    [key: string]: unknown;
  };
  export default snmp;
}
