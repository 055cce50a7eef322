/**
 * The simulation's network: every URL the plan names (the `http` probes, the feature-flag API, Alertmanager)
 * is answered by a counterpart the simulation started (an in-process stand-in, or a server on 127.0.0.1), and
 * anything else is refused. The plan's URLs are kept as written, so the evidence names the endpoints a real
 * release would call and is the same on every run, whatever port the OS gave a counterpart.
 * A simulation must never reach a real service: an origin without a counterpart fails like an unreachable host.
 */
export type SimulationFetch = typeof fetch;

export interface Route {
  /** The origin as the plan writes it, e.g. http://127.0.0.1:4001 */
  from: string;
  /** What stands in, for the output: "stand-in service", "simulated Alertmanager". */
  role: string;
  /** A counterpart listening on 127.0.0.1: its base URL. */
  to?: string;
  /** An in-process counterpart. */
  handle?: (request: Request) => Promise<Response>;
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

export function describeRoute(r: Route): string {
  return `${r.from} -> ${r.role}${r.to ? ` on ${r.to}` : ' (in-process)'}`;
}

export function createSimulationFetch(
  routes: Route[],
  realFetch: typeof fetch = globalThis.fetch,
): SimulationFetch {
  const byOrigin = new Map(routes.map((r) => [originOf(r.from), r]));
  const routed = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw);
    const route = byOrigin.get(url.origin);
    if (!route) {
      throw new TypeError('fetch failed', {
        cause: {
          code: 'ENOTSIMULATED',
          message: `the simulation has no counterpart for ${url.origin} and never calls a real service`,
        },
      });
    }
    if (route.handle) {
      init?.signal?.throwIfAborted();
      return route.handle(new Request(url, init));
    }
    const target = new URL(route.to!);
    url.protocol = target.protocol;
    url.host = target.host;
    return realFetch(url.href, init);
  };
  return routed as SimulationFetch;
}
