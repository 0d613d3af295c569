// Lets queued work run between training steps (progress output, signals, a page's repaint): setImmediate in Node,
// a message-channel turn in a browser (setTimeout(0) is clamped to 4 ms after a few nested calls).
export function yieldNow(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
