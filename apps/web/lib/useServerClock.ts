'use client';

import { useEffect, useState } from 'react';

/**
 * The server's "now", ticking once a second: the offset between the server's clock (as of its last
 * answer) and this browser's is applied to every tick, so a skewed local clock can't shift the
 * countdown. Without `serverNow` it stops ticking.
 */
export function useServerClock(serverNow: Date | null | undefined, receivedAt: number) {
  const offset = serverNow ? serverNow.getTime() - receivedAt : 0;
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    if (!serverNow) return;
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [serverNow, offset]);
  return now;
}
