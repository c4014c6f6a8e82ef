import {
  agentKeys,
  createRegistrationKey,
  enrolledAgentOf,
  gatewayRequest,
  startChannel,
  type Channel,
} from '../../gateway/test-support/agent-channel.js';

const UPDATE_TENANT = `mutation($input: MaskingSettingsInput!) { updateMaskingSettings(input: $input) { ip mac hostname contactLocation } }`;
const UPDATE_CUSTOMER = `mutation($input: CustomerMaskingSettingsInput!) {
  updateCustomerMaskingSettings(input: $input) {
    customer { ip mac } tenant { ip mac } effective { ip mac hostname contactLocation }
  }
}`;

describe('masking settings reach the agents', () => {
  let channel: Channel;

  beforeAll(async () => {
    channel = await startChannel();
  }, 120_000);
  afterAll(() => channel?.t.close());

  it("serves the stricter of tenant's and customer's, bumps the version on change, and keeps the key", async () => {
    const { client } = channel.t;
    const fleet = await enrolledAgentOf(channel, 'masking');
    const token = fleet.dealer.adminToken;
    const config = async (ifNoneMatch?: string) =>
      gatewayRequest(channel, 'GET', 'config', {
        identity: fleet.agent,
        ...(ifNoneMatch ? { headers: { 'if-none-match': ifNoneMatch } } : {}),
      });

    const first = await config();
    expect(first.body.version).toBe(1);
    expect(first.body.masking).toEqual({
      ip: 'send',
      mac: 'send',
      hostname: 'send',
      contactLocation: 'send',
      key: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
    const key = first.body.masking.key as string;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);

    // The dealer hashes IPs: announced with the next command pull, served as a new version.
    expect(
      (await client.ok(UPDATE_TENANT, { input: { ip: 'HASH' } }, token))['updateMaskingSettings'],
    ).toEqual({ ip: 'HASH', mac: 'SEND', hostname: 'SEND', contactLocation: 'SEND' });
    const pulled = await gatewayRequest(channel, 'GET', 'commands', { identity: fleet.agent });
    expect(pulled.body).toEqual({ commands: [], configVersion: 2 });
    const hashed = await config('"1"');
    expect(hashed.status).toBe(200);
    expect(hashed.body.masking).toEqual({ ...first.body.masking, ip: 'hash', key });

    // The customer cannot loosen the dealer's choice: nothing changes for the agent.
    const loosen = await client.ok(
      UPDATE_CUSTOMER,
      { input: { customerId: fleet.customerId, ip: 'SEND' } },
      token,
    );
    expect(loosen['updateCustomerMaskingSettings']).toMatchObject({
      customer: { ip: 'SEND' },
      tenant: { ip: 'HASH' },
      effective: { ip: 'HASH' },
    });
    expect((await config('"2"')).status).toBe(304);

    // …but can tighten it.
    const tighten = await client.ok(
      UPDATE_CUSTOMER,
      { input: { customerId: fleet.customerId, ip: 'WITHHOLD', mac: 'HASH' } },
      token,
    );
    expect(tighten['updateCustomerMaskingSettings'].effective).toEqual({
      ip: 'WITHHOLD',
      mac: 'HASH',
      hostname: 'SEND',
      contactLocation: 'SEND',
    });
    const tightened = await config('"2"');
    expect(tightened.body).toMatchObject({
      version: 3,
      masking: { ip: 'withhold', mac: 'hash', hostname: 'send', key },
    });

    // People see the masking but never the key.
    const agent = await client.ok(
      `query($id: ID!) { agent(id: $id) { config } }`,
      { id: fleet.agent.agentId },
      token,
    );
    expect(agent['agent'].config.masking).toEqual({
      ip: 'withhold',
      mac: 'hash',
      hostname: 'send',
      contactLocation: 'send',
      key: null,
    });
    expect(JSON.stringify(agent)).not.toContain(key);

    // A new agent of the customer gets the masking and the same key with its enrollment.
    const registration = await createRegistrationKey(channel, token, {
      customerId: fleet.customerId,
      siteId: fleet.siteId,
    });
    const keys = await agentKeys('print-gw-02');
    const enrolled = await gatewayRequest(channel, 'POST', 'enroll', {
      json: {
        registrationKey: registration.secret,
        csr: keys.csr,
        facts: { hostname: 'print-gw-02', os: 'linux 6.1 x64', agentVersion: '0.1.0' },
      },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.config.masking).toEqual({ ...tightened.body.masking, key });
  }, 120_000);

  it('refuses an unknown mode', async () => {
    const fleet = await enrolledAgentOf(channel, 'masking-bad');
    const code = await channel.t.client.errorCode(
      UPDATE_TENANT,
      { input: { ip: 'SCRAMBLE' } },
      fleet.dealer.adminToken,
    );
    expect(code).toBe('BAD_USER_INPUT');
  }, 60_000);
});
