// Placeholder filled in below once central's database layer lands.
export type RunningCentral = {
  baseUrl: string;
  operator: { email: string; password: string };
  close: () => Promise<void>;
};
export async function startCentral(_options: { portalDist: string }): Promise<RunningCentral> {
  throw new Error('central is not bootable yet');
}
