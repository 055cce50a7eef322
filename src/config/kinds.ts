/**
 * Sections that hold exactly one of several kinds, one key per kind: `metrics:` one source, `traffic:` one
 * provider, a preflight check one kind. The rule and its words live here once: validation reports it at the
 * section's YAML path, and the registry that builds the chosen kind asks the same function.
 */
export type KindChoice<K extends string> = { ok: true; kind: K } | { ok: false; problem: string };

/**
 * The one kind `section` declares, or what is wrong (no kind, or several). `noun` names a kind in messages
 * ("source", "provider", "kind per check").
 */
export function chosenKind<K extends string>(
  section: object,
  kinds: readonly K[],
  noun: string,
): KindChoice<K> {
  const present = kinds.filter((k) => (section as Record<string, unknown>)[k] !== undefined);
  if (present.length === 1) return { ok: true, kind: present[0]! };
  return {
    ok: false,
    problem: present.length
      ? `declares ${present.join(' and ')} (exactly one ${noun})`
      : `has no ${noun} (exactly one of ${kinds.join(', ')})`,
  };
}
