/**
 * The `process` exceljs's sources and their stream library expect, for the browser build only (webpack.config.js
 * provides it where they name `process`): `browser` (exceljs picks its browser code paths by it), `nextTick`, an
 * empty `env`. Nothing else of Node's process is used there.
 */
const exceljsProcess = {
  browser: true,
  env: {} as Record<string, string | undefined>,
  version: "",
  versions: {} as Record<string, string>,
  nextTick(f: (...args: unknown[]) => void, ...args: unknown[]): void {
    queueMicrotask(() => f(...args));
  },
};

export = exceljsProcess;
