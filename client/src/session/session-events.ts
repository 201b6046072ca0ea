export type SessionEndReason = 'expired' | 'signed-out';

type Listener = (reason: SessionEndReason) => void;
const listeners = new Set<Listener>();

/** Tells the session provider that the server no longer knows this session (the network layer calls it). */
export function notifySessionEnded(reason: SessionEndReason): void {
  for (const listener of listeners) listener(reason);
}

export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
