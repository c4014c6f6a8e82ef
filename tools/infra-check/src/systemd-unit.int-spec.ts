import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// systemd's own verdict on the agent unit, when systemd-analyze is installed (Debian: systemd).
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const unitPath = join(repoRoot, 'infra', 'systemd', 'printbeat-agent.service');
const haveSystemdAnalyze =
  spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;

describe('infra/systemd/printbeat-agent.service under systemd-analyze', () => {
  (haveSystemdAnalyze ? it : it.skip)(
    'passes systemd-analyze verify and rates at most 2.0 on systemd-analyze security',
    () => {
      const verify = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
      expect({ status: verify.status, stderr: verify.stderr.trim() }).toEqual({
        status: 0,
        stderr: '',
      });
      const security = spawnSync(
        'systemd-analyze',
        ['security', '--offline=true', '--no-pager', unitPath],
        { encoding: 'utf8' },
      );
      expect(security.status).toBe(0);
      const score = /Overall exposure level for \S+: ([0-9.]+)/.exec(security.stdout)?.[1];
      expect(Number(score)).toBeLessThanOrEqual(2);
    },
  );
});
