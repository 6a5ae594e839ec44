import { holdEarlySignals } from './shutdown';

describe('holdEarlySignals', () => {
  it('keeps a SIGTERM that arrives before the graceful handler and re-delivers it to that handler', () => {
    const release = holdEarlySignals();
    // What a real SIGTERM does: Node calls the process listeners (ours holds it; with no listener
    // Node's default action would kill the process).
    process.emit('SIGTERM', 'SIGTERM');
    const graceful = jest.fn();
    process.on('SIGTERM', graceful);
    try {
      expect(graceful).not.toHaveBeenCalled();
      release();
      expect(graceful).toHaveBeenCalledTimes(1);
      expect(graceful).toHaveBeenCalledWith('SIGTERM');
      expect(process.listenerCount('SIGTERM')).toBe(1); // the holder is gone
    } finally {
      process.off('SIGTERM', graceful);
    }
  });

  it('re-delivers nothing when no signal came early', () => {
    const release = holdEarlySignals();
    const graceful = jest.fn();
    process.on('SIGINT', graceful);
    try {
      release();
      expect(graceful).not.toHaveBeenCalled();
    } finally {
      process.off('SIGINT', graceful);
    }
  });
});
