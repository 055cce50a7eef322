/**
 * Git's rules for a ref name (`git check-ref-format`), applied to a tag before anything runs: a version that
 * renders to a tag git refuses would otherwise be found only at the tag step, after GA is sealed.
 */

/** Why `refs/tags/<tag>` is not a valid ref, or undefined when it is. */
export function tagNameProblem(tag: string): string | undefined {
  if (tag === '') return 'is empty';
  if (tag === '@') return 'is "@" alone';
  if (tag.startsWith('-')) return 'starts with "-" (git would read it as an option)';
  // eslint-disable-next-line no-control-regex
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(tag);
  if (bad) return `contains ${JSON.stringify(bad[0])} (no spaces, control characters or ~ ^ : ? * [ \\)`;
  if (tag.includes('..')) return 'contains ".."';
  if (tag.includes('@{')) return 'contains "@{"';
  if (tag.includes('//')) return 'contains "//"';
  if (tag.startsWith('/') || tag.endsWith('/')) return 'starts or ends with "/"';
  if (tag.endsWith('.')) return 'ends with "."';
  for (const part of tag.split('/')) {
    if (part.startsWith('.')) return `has a component starting with "." (${part})`;
    if (part.endsWith('.lock')) return `has a component ending with ".lock" (${part})`;
  }
  return undefined;
}
