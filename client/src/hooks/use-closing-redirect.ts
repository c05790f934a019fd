import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAppStore } from '../store/index.ts';

/**
 * Sends everyone in a room to the closing page once the server says the webinar has ended
 * (`webinar:updated` with status ended, which arrives before the server drops the socket).
 */
export function useClosingRedirect(closingPath: string) {
  const navigate = useNavigate();
  const ended = useAppStore((s) => s.webinarState?.status === 'ended');
  useEffect(() => {
    if (ended) navigate(closingPath, { replace: true });
  }, [ended, closingPath, navigate]);
}
