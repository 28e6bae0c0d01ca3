import { execSync } from 'node:child_process';
import fs from 'node:fs';
import type Docker from 'dockerode';
import { type Language, languages, type Runtime } from './languages';

export interface LanguageStatus {
  language: Language;
  available: boolean;
  version: string | null;
  reason?: string;
}

/** Which languages this judge can run; the rest are reported unavailable, never fatal. */
export async function probeLanguages(docker: Docker, runtime: Runtime): Promise<LanguageStatus[]> {
  return Promise.all(
    languages.map(async (language): Promise<LanguageStatus> => {
      if (runtime === 'host') {
        const missing = language.hostPaths.find((p) => !fs.existsSync(p));
        if (missing) return { language, available: false, version: null, reason: `${missing} not installed` };
        try {
          const version = execSync(language.versionCommand, {
            encoding: 'utf8',
            timeout: 10_000,
            shell: '/bin/sh',
          }).trim();
          return { language, available: true, version };
        } catch (err) {
          return { language, available: false, version: null, reason: String(err) };
        }
      }
      try {
        const info = await docker.getImage(language.image).inspect();
        return {
          language,
          available: true,
          version: info.Config?.Labels?.['dev.roguelearn.version'] ?? language.image,
        };
      } catch {
        return { language, available: false, version: null, reason: `image ${language.image} not built` };
      }
    }),
  );
}
