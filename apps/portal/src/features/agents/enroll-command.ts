/**
 * The command that enrolls an agent, as the portal shows it: one line to paste on the machine
 * that will run the agent. With central's own CA the fingerprint is what the agent pins on its
 * first contact; a gateway certificate from a public CA needs none.
 */
export function enrollCommandLine(input: {
  gatewayUrl: string;
  caFingerprint: string | null;
  secret: string;
}): string {
  const parts = ['printbeat-agent enroll', `--central ${input.gatewayUrl}`];
  if (input.caFingerprint !== null) parts.push(`--ca-fingerprint ${input.caFingerprint}`);
  parts.push(`--key ${input.secret}`);
  return parts.join(' ');
}
