import type pg from 'pg';
import { readReleaseManifest, ReleaseRejected, type ReleaseManifest } from './release-manifest.js';

export type ReleaseChannelName = 'STABLE' | 'BETA';

/**
 * Stores a signed release (platform-wide `agent_releases`) for agents to download. A version
 * is published once per platform: a second artifact under the same name would make agents that
 * already verified the first one see a different file.
 */
export async function publishRelease(
  pool: pg.Pool,
  input: { manifestJws: string; artifact: Uint8Array; channel: ReleaseChannelName },
): Promise<ReleaseManifest & { id: string; channel: ReleaseChannelName }> {
  const manifest = readReleaseManifest(input.manifestJws, input.artifact);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO agent_releases (version, platform, channel, sha256, size, manifest_jws, artifact)
     VALUES ($1, $2, $3::"ReleaseChannel", $4, $5, $6, $7)
     ON CONFLICT (version, platform) DO NOTHING
     RETURNING id`,
    [
      manifest.version,
      manifest.platform,
      input.channel,
      manifest.sha256,
      manifest.size,
      input.manifestJws.trim(),
      Buffer.from(input.artifact),
    ],
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new ReleaseRejected(
      `release ${manifest.version} for ${manifest.platform} is already published`,
    );
  }
  await pool.query(
    `INSERT INTO platform_audit_events (actor_kind, actor_id, action, outcome, details)
     VALUES ('SYSTEM', 'publish-release', 'release.publish', 'SUCCESS', $1)`,
    [{ releaseId: id, ...manifest, channel: input.channel }],
  );
  return { id, ...manifest, channel: input.channel };
}
