// The one interface through which models find their tensor backend, whatever the platform: Node's chooser
// (backend.ts: tfjs-node, WebGPU through Dawn, wasm files on disk, cpu) or a browser page's (src/lab/backend.ts:
// navigator.gpu, wasm files beside the page) registers itself here, so the models never import either.

/** What the models need of a selection (each platform's chooser returns its fuller BackendSelection). */
export interface BackendChoice {
  /** The tfjs backend now active. */
  name: string;
  /** One line: why this backend. */
  reason: string;
}

export interface BackendHost {
  /** Activates the backend asked for (or the platform's default) and says which and why. */
  select(request?: string): Promise<BackendChoice>;
  /** The selection made last, if any. */
  current(): BackendChoice | undefined;
}

let host: BackendHost | undefined;

/** Installs the platform's backend chooser (the last one installed wins). */
export function setBackendHost(h: BackendHost): void {
  host = h;
}

export function currentBackend(): BackendChoice | undefined {
  return host?.current();
}

export async function selectBackend(request?: string): Promise<BackendChoice> {
  if (!host)
    throw new Error(
      'no tensor backend chooser is installed: import model/backend.js (Node) or lab/backend.js (a browser page) first',
    );
  return host.select(request);
}
