import type { SupabaseClient } from '@supabase/supabase-js';

const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
const anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;

/** Supabase Auth is the identity provider when the deployment is built with its URL. */
export const supabaseEnabled = Boolean(url);

let client: Promise<SupabaseClient> | undefined;

/** Loaded on demand so the embedded (local auth) deployment never downloads supabase-js. */
export function getSupabase(): Promise<SupabaseClient> {
  if (!url || !anonKey) {
    return Promise.reject(new Error('Set NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY'));
  }
  client ??= import('@supabase/supabase-js').then(({ createClient }) => createClient(url, anonKey));
  return client;
}

export async function supabaseAccessToken(): Promise<string | null> {
  if (!supabaseEnabled) return null;
  const { data } = await (await getSupabase()).auth.getSession();
  return data.session?.access_token ?? null;
}
