/**
 * The token reaches git only through the environment of one git process (GIT_CONFIG_COUNT/KEY/VALUE), never a
 * URL, an argument list (visible in `ps`) or a config file, so nothing is left on disk for the next job to read.
 */

export interface GitAuth {
  /** Extra environment for a git process that talks to the remote. Empty when there is no token. */
  env: Record<string, string>;
  /** Replaces the token and every encoded form of it with `***`. */
  mask(text: string): string;
}

/** `https://host[:port]/` of an http(s) remote, or null for local paths, ssh and file URLs. */
export function httpOrigin(remote: string): string | null {
  if (!/^https?:\/\//i.test(remote)) return null;
  const url = new URL(remote);
  return `${url.protocol}//${url.host}/`;
}

/**
 * The header is scoped to the remote's origin (`http.<origin>.extraheader`), like actions/checkout, so a
 * redirect or a submodule on another host never receives it.
 */
export function createGitAuth(
  remote: string,
  token: string | undefined,
  baseEnv: NodeJS.ProcessEnv = process.env,
): GitAuth {
  if (!token) return { env: {}, mask: (text) => text };
  const origin = httpOrigin(remote);
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  const secrets = [token, basic, Buffer.from(token, 'utf8').toString('base64')].filter((s) => s.length >= 4);
  const mask = (text: string): string => secrets.reduce((out, s) => out.split(s).join('***'), text);
  if (!origin) return { env: {}, mask };
  // Other GIT_CONFIG_* entries already in the environment keep their slots; ours goes after them.
  const existing = Number.parseInt(baseEnv.GIT_CONFIG_COUNT ?? '0', 10);
  const index = Number.isFinite(existing) && existing > 0 ? existing : 0;
  return {
    env: {
      GIT_CONFIG_COUNT: String(index + 1),
      [`GIT_CONFIG_KEY_${index}`]: `http.${origin}.extraheader`,
      [`GIT_CONFIG_VALUE_${index}`]: `AUTHORIZATION: basic ${basic}`,
    },
    mask,
  };
}
