// The service's operational log sink: lines gathered during one turn of the event loop are
// written together. Why: stderr on a file or pipe is a synchronous write, one system call per
// line; at thousands of requests a second that was a measurable share of each request. A
// line waits at most until the loop's next check phase, and flush() (at shutdown and on
// process exit) writes whatever is pending.
export interface LogSink {
  log(line: string): void;
  flush(): void;
}

export function bufferedLog(write: (text: string) => void): LogSink {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    write(text);
  };
  process.once('exit', flush);
  return {
    log(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
