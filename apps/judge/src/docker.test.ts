import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { connectDocker, dockerStatus } from './docker';

describe('docker status', () => {
  it('reports the engine version of the real daemon', async () => {
    const status = await dockerStatus(connectDocker());
    expect(status).toMatchObject({ ok: true });
    if (status.ok) expect(status.version).toMatch(/^\d+\.\d+/);
  });

  it('reports an unreachable engine instead of throwing', async () => {
    const status = await dockerStatus(new Docker({ socketPath: '/nonexistent/docker.sock' }));
    expect(status).toMatchObject({ ok: false });
    if (!status.ok) expect(status.error).toMatch(/ENOENT|connect/);
  });
});
