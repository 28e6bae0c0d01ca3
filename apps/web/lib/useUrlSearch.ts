'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * A list whose filters live in the URL, with a search box: the box updates at once; the URL (and
 * so the query) follows after a pause in typing. The last value the box put in the URL tells its
 * own updates apart from back/forward navigation, which refills the box. Any other filter change
 * goes back to page 1.
 */
export function useUrlSearch<F extends { q: string; page: number }>(
  filters: F,
  hrefFor: (pathname: string, filters: F) => string,
) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(filters.q);
  const pushed = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== pushed.current) {
      pushed.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);

  const go = (next: Partial<F>, mode: 'push' | 'replace' = 'push') => {
    const merged = { ...filters, page: 1, ...next };
    pushed.current = merged.q;
    const href = hrefFor(pathname, merged);
    if (mode === 'replace') router.replace(href, { scroll: false });
    else router.push(href, { scroll: false });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing schedules a search
  useEffect(() => {
    const q = text.trim();
    if (q === pushed.current) return;
    const timer = setTimeout(() => go({ q } as Partial<F>, 'replace'), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return { text, setText, go, pathname };
}
