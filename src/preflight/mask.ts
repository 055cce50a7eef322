/**
 * Masking secrets in command output kept as evidence. The evidence branch is read for months by people who
 * should not see tokens, so the values of env variables whose names look secret, and any literal secrets the
 * caller names, are replaced before output is stored or printed.
 */
const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION)/i;
/** Short values ("1", "true") would mask ordinary words in the output. */
const MIN_SECRET_LENGTH = 6;

export function secretValues(env: NodeJS.ProcessEnv, extra: readonly string[] = []): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= MIN_SECRET_LENGTH && SECRET_NAME.test(name)) values.add(value);
  }
  for (const value of extra) if (value && value.length >= 4) values.add(value);
  // Longest first, so a secret containing another is masked whole.
  return [...values].sort((a, b) => b.length - a.length);
}

export function createMasker(secrets: readonly string[]): (text: string) => string {
  return (text) => secrets.reduce((acc, secret) => acc.split(secret).join('***'), text);
}
