/**
 * `.dockerignore` matching as the Docker CLI does it: patterns relative to the context root,
 * `*` and `?` within one path segment, `**` across segments, `!` re-includes, the last matching
 * line wins, and a pattern that matches a directory excludes everything below it.
 */
export type IgnoreRule = { pattern: RegExp; negate: boolean; source: string };

function toRegExp(pattern: string): RegExp {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      // `**/` matches zero or more directories.
      if (pattern[index + 2] === '/') {
        out += '(?:.*/)?';
        index += 2;
      } else {
        out += '.*';
        index += 1;
      }
    } else if (char === '*') {
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else {
      out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

export function parseDockerignore(source: string): IgnoreRule[] {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const cleaned = (negate ? line.slice(1) : line)
        .trim()
        .replace(/^\/+/, '')
        .replace(/\/+$/, '')
        .replace(/^\.\//, '');
      return { pattern: toRegExp(cleaned), negate, source: line };
    });
}

export function isIgnored(rules: IgnoreRule[], path: string): boolean {
  const normalised = path.replace(/^\.\//, '').replace(/\/+$/, '');
  const segments = normalised.split('/');
  let ignored = false;
  for (const rule of rules) {
    // A rule applies to the path itself or to any directory above it.
    for (let length = 1; length <= segments.length; length++) {
      if (rule.pattern.test(segments.slice(0, length).join('/'))) {
        ignored = !rule.negate;
        break;
      }
    }
  }
  return ignored;
}
