/**
 * The one secret masker of a run. Every secret value the process learns (the workflow token, the Prometheus
 * token and auth headers, chat webhook URLs, traffic tokens, anything registered with `setSecret`) is added
 * here, and every text that leaves the process (evidence files, decision records, job summaries, outputs, log
 * lines) goes through `mask`. One registry means a value known anywhere is masked everywhere: a second masker fed
 * from a narrower list is how a webhook URL reached the evidence branch.
 */

/** Names that mark an environment variable's value as a secret even when no plan field names it. */
export const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|COOKIE|SESSION|WEBHOOK)/i;
/** Values guessed from a variable's name must be this long: "1" or "true" would mask ordinary words. */
const MIN_GUESSED_LENGTH = 6;
/** Values registered by name (a token input, a header the plan marks secret) must be this long. */
const MIN_SECRET_LENGTH = 4;
export const MASK = '***';

export interface SecretMasker {
  /** Registers a secret; too-short or empty values are ignored (they would mask ordinary text). */
  add(value: string | undefined | null): void;
  /** Registers the values of the variables whose names look secret. */
  addFromEnv(env: NodeJS.ProcessEnv): void;
  /** Called with every newly registered value (the action layer hands them to the runner's log masking). */
  onAdd(listener: (value: string) => void): void;
  mask(text: string): string;
  /** Masks every string inside a JSON-like value (a decision record, an output object). */
  maskValue<T>(value: T): T;
  /** The number of distinct values known (for reports; the values themselves never leave). */
  readonly size: number;
  /**
   * Forgets every value and listener: for a process that serves one run after another (the test runner's
   * shared workers), so that one run's secrets do not mask the next run's words.
   */
  clear(): void;
}

export function createSecretMasker(initial: readonly string[] = []): SecretMasker {
  const values = new Set<string>();
  const listeners: Array<(value: string) => void> = [];
  // Longest first, so a secret that contains another is masked whole; rebuilt only when a value is added.
  let ordered: string[] = [];

  const register = (value: string): void => {
    if (values.has(value)) return;
    values.add(value);
    // The same secret escaped for a JSON string or a URL is still the secret.
    for (const variant of [JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])
      values.add(variant);
    ordered = [...values].sort((a, b) => b.length - a.length);
    for (const listener of listeners) listener(value);
  };

  const masker: SecretMasker = {
    add(value) {
      if (typeof value !== 'string') return;
      const trimmed = value.trim();
      if (trimmed.length < MIN_SECRET_LENGTH) return;
      register(trimmed);
      if (trimmed !== value) register(value);
    },
    addFromEnv(env) {
      for (const [name, value] of Object.entries(env)) {
        if (value && value.trim().length >= MIN_GUESSED_LENGTH && SECRET_NAME.test(name)) masker.add(value);
      }
    },
    onAdd(listener) {
      listeners.push(listener);
      for (const value of [...values]) listener(value);
    },
    mask(text) {
      if (ordered.length === 0 || !text) return text;
      let out = text;
      for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(MASK);
      return out;
    },
    maskValue<T>(value: T): T {
      if (typeof value === 'string') return masker.mask(value) as T;
      if (Array.isArray(value)) return value.map((v: unknown) => masker.maskValue(v)) as T;
      if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) => [masker.mask(k), masker.maskValue(v)]),
        ) as T;
      }
      return value;
    },
    get size() {
      return values.size;
    },
    clear() {
      values.clear();
      listeners.length = 0;
      ordered = [];
    },
  };
  for (const value of initial) masker.add(value);
  return masker;
}

/**
 * The process's masker. Entries (actions, the CLI) and the readers of secrets (the plan loader, the Prometheus
 * client, the notifier) register values here; writers mask through it.
 */
export const runSecrets: SecretMasker = createSecretMasker();

/** Registers a secret with the run's masker (the counterpart of the toolkit's `setSecret`). */
export function registerSecret(value: string | undefined | null): void {
  runSecrets.add(value);
}

/** Masks a text with every secret the run knows. */
export function maskSecrets(text: string): string {
  return runSecrets.mask(text);
}
