-- Agents download release artifacts in 1 MiB slices (substring per slice). PostgreSQL reads
-- only the needed chunks of an uncompressed out-of-line value; a compressed one is
-- decompressed whole for every slice. Applies to artifacts stored from now on.
ALTER TABLE agent_releases ALTER COLUMN artifact SET STORAGE EXTERNAL;
