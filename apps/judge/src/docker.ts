import Docker from 'dockerode';

export function connectDocker(): Docker {
  // DOCKER_HOST (tcp://… or unix://…) is honoured by dockerode's defaults; the socket otherwise.
  return process.env.DOCKER_HOST
    ? new Docker()
    : new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
}

/** Engine version, or null with the reason when the engine is unreachable. */
export async function dockerStatus(
  docker: Docker,
): Promise<{ ok: true; version: string } | { ok: false; error: string }> {
  try {
    const v = await docker.version();
    return { ok: true, version: v.Version };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
